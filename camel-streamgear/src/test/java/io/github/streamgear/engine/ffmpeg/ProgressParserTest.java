package io.github.streamgear.engine.ffmpeg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressParserTest {

    @Test
    void turnsKeyValueBlocksIntoProgressReports() throws Exception {
        List<Progress> reports = new ArrayList<>();
        try (ProgressParser parser = new ProgressParser(reports::add)) {
            parser.write(("frame=120\nfps=60.0\nout_time_us=4000000\ntotal_size=262144\nspeed=2.01x\nprogress=continue\n"
                    + "frame=300\nout_time_us=10000000\nspeed=N/A\ntotal_size=N/A\nprogress=end\n").getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(2, reports.size());
        assertEquals(new Progress(120, 4.0, 2.01, 262144, false), reports.get(0));
        assertEquals(300, reports.get(1).frame());
        assertEquals(0, reports.get(1).speed());
        assertEquals(-1, reports.get(1).totalSizeBytes());
        assertTrue(reports.get(1).ended());
        assertFalse(reports.get(0).ended());
    }
}
