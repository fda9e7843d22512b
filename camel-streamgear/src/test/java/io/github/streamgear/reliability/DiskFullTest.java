package io.github.streamgear.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The output file system fills up in the middle of a job (a 2 MiB tmpfs; the job writes about 3 MB). The job must fail
 * saying so, publish nothing broken (no empty segment, no manifest), and leave the folder empty. Needs root (mount):
 * skipped otherwise.
 */
class DiskFullTest extends ReliabilitySupport {

    private Path mounted;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "format=hls&streams=320x180", "format=hls&streams=320x180&hlsSegmentType=fmp4",
            "format=dash&streams=320x180" })
    void diskFullMidJob(String options) throws Exception {
        Path small = mountSmallFileSystem(root.resolve("small"));
        Path source = BadMedia.thirtySecondsNoisy();
        Outcome o = send(small, options, source.toFile(), JOB_ID, "big");
        assertFailedSayingInLog(o, "No space left", "disk");
        assertEquals(Map.of(), tree(small), "nothing is left on the full file system");
    }

    private Path mountSmallFileSystem(Path dir) throws Exception {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        boolean ok = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        assumeTrue(ok, "cannot mount a tmpfs here (needs root): " + output);
        mounted = dir;
        return dir;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted == null) {
            return;
        }
        for (List<String> command : List.of(List.of("umount", mounted.toString()), List.of("umount", "-l", mounted.toString()))) {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                break;
            }
        }
        mounted = null;
    }
}
