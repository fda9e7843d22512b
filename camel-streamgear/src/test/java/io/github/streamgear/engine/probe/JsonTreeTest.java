package io.github.streamgear.engine.probe;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.streamgear.engine.ffmpeg.FfmpegBinaries;
import io.github.streamgear.engine.ffmpeg.FfmpegLocator;
import io.github.streamgear.engine.ffmpeg.FfmpegRunner;
import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe's JSON tree is the one {@code ObjectMapper.readTree} gives, for what ffprobe prints and for the rest. */
class JsonTreeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void ffprobesOutputGivesObjectMappersTree() throws Exception {
        try (FfmpegRunner runner = new FfmpegRunner()) {
            FfmpegBinaries binaries = new FfmpegLocator(runner).locate(null, null);
            for (String source : List.of(TestMedia.standard().toString(), TestMedia.streamable().toString())) {
                String json = runner.run(List.of(binaries.ffprobe().toString(), "-v", "error", "-print_format", "json",
                        "-show_format", "-show_streams", "-i", source), null, null).stdout();
                assertTrue(json.contains("\"streams\""), json);
                assertEquals(MAPPER.readTree(json), JsonTree.read(json), source);
            }
        }
    }

    @Test
    void everyKindOfValueAsObjectMapperReadsIt() throws Exception {
        String json = "{\"a\":[1,-2,3000000000,123456789012345678901234567890,1.5,-2e-3],\"b\":{\"c\":\"x\\\"y\\u00e9\","
                + "\"d\":true,\"e\":false,\"f\":null,\"g\":[],\"h\":{}},\"a2\":\"dup\",\"a2\":\"last\"}";
        assertEquals(MAPPER.readTree(json), JsonTree.read(json));
        assertEquals(MAPPER.readTree("[]"), JsonTree.read("[]"));
        assertEquals(MAPPER.readTree(""), JsonTree.read(""), "blank: a missing node");
        assertEquals(MAPPER.readTree("  \n"), JsonTree.read("  \n"));
    }

    @Test
    void brokenJsonFails() {
        assertThrows(IOException.class, () -> JsonTree.read("{\"streams\":[{\"index\":0"));
        assertThrows(IOException.class, () -> JsonTree.read("{\"a\":1,}"));
    }
}
