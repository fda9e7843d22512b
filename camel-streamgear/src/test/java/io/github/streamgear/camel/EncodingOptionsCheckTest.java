package io.github.streamgear.camel;

import java.nio.file.Path;
import java.util.List;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.testing.Processes;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encoding options this FFmpeg refuses fail the route's start, naming the options and with FFmpeg's own words, instead
 * of the first real upload (which a watch folder then moves to .failed).
 */
class EncodingOptionsCheckTest extends CamelTestSupport {

    @TempDir
    Path out;

    @AfterEach
    void noProcessLeft() {
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "videoCodec=libx999      | Unknown encoder 'libx999'",
        "preset=superfast2       | superfast2",
        "audioBitrate=lots       | lots",
        "ffmpeg.tune=flim        | flim",
        "videoCodec=libx264&frameWidth=64&frameHeight=64&preset=fastest | fastest",
    })
    void refusedOptionsFailTheRouteStart(String options, String ffmpegSays) {
        Exception e = assertThrows(Exception.class, () -> context.addRoutes(route(options)));
        StreamGearException cause = findCause(e);
        assertTrue(cause.getMessage().contains("refuses these encoding options"), cause.getMessage());
        assertTrue(cause.getMessage().contains(ffmpegSays), cause.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "format=hls", "preset=medium&audioBitrate=96k&ffmpeg.tune=film",
        "videoCodec=libx265&preset=fast", "audioChannels=1&audioCodec=libopus" })
    void acceptedOptionsStart(String options) throws Exception {
        context.addRoutes(route(options));
    }

    private RouteBuilder route(String options) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:" + Math.abs(options.hashCode())).to("streamgear:check?outputDir=" + out + "&" + options);
            }
        };
    }

    private static StreamGearException findCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamGearException s) {
                return s;
            }
        }
        throw new AssertionError("no StreamGearException in " + e, e);
    }
}
