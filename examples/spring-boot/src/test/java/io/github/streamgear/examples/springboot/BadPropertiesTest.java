package io.github.streamgear.examples.springboot;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example application started as {@code main} starts it, with one bad {@code camel.component.streamgear.*}
 * property each: it does not start, and what it prints names the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadPropertiesTest {

    @TempDir
    Path home;

    /** Starts the application with these properties as command-line arguments, which override application.properties. */
    private ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(SpringBootExampleApp.class)
                .run(Stream.concat(Stream.of("app.home=" + home, "camel.main.run-controller=false"), Stream.of(properties))
                        .map(p -> "--" + p).toArray(String[]::new));
    }

    @Test
    void anUnknownPropertyIsRefused(CapturedOutput output) {
        Exception failure = assertThrows(Exception.class, () -> start("camel.component.streamgear.bogus-option=1").close());
        assertTrue(messages(failure).contains("camel.component.streamgear.bogus-option"), messages(failure));
        // Spring Boot's failure report, as the application prints it
        assertTrue(output.getOut().contains("APPLICATION FAILED TO START"), output.getOut());
        assertTrue(output.getOut().contains("The elements [camel.component.streamgear.bogus-option] were left unbound"),
                output.getOut());
    }

    @Test
    void aValueOfTheWrongTypeIsRefused(CapturedOutput output) {
        Exception failure = assertThrows(Exception.class, () -> start("camel.component.streamgear.format=mp4").close());
        assertTrue(messages(failure).contains("camel.component.streamgear.format"), messages(failure));
        assertTrue(output.getOut().contains("Failed to bind properties under 'camel.component.streamgear.format'"),
                output.getOut());
    }

    /** A value of the right type that the component refuses: its endpoint is not created, so no route starts. */
    @Test
    void aValueTheComponentRefusesStopsTheApplication(CapturedOutput output) {
        Exception failure = assertThrows(Exception.class,
                () -> start("camel.component.streamgear.segment-duration=0.1").close());
        String expected = "Option 'segmentDuration' must be at least 0.5 seconds, got 0.1";
        assertTrue(messages(failure).contains(expected), messages(failure));
        assertTrue(output.getOut().contains(expected), output.getOut());
    }

    /** The wrong FFmpeg is found when the route's streamgear endpoint starts, so the application does not start. */
    @Test
    void anFfmpegPathThatDoesNotExistStopsTheApplication(CapturedOutput output) {
        Exception failure = assertThrows(Exception.class,
                () -> start("camel.component.streamgear.ffmpeg-path=/nonexistent/ffmpeg").close());
        String expected = "FFmpeg was not found or does not run. Looked at: option ffmpegPath=/nonexistent/ffmpeg (does not exist)";
        assertTrue(messages(failure).contains(expected), messages(failure));
        assertTrue(output.getOut().contains(expected), output.getOut());
        assertTrue(!output.getOut().contains("from PATH"), "no FFmpeg from the PATH instead:\n" + output.getOut());
    }

    /** The symptom: the log said "from PATH" whatever ffmpeg-path said. */
    @Test
    void theLogSaysTheFfmpegOfFfmpegPath(CapturedOutput output) {
        String ffmpeg = TestMedia.ffmpegOnPath().toString();
        try (ConfigurableApplicationContext context = start("camel.component.streamgear.ffmpeg-path=" + ffmpeg)) {
            assertTrue(output.getOut().contains("(" + ffmpeg + ", ffprobe "), output.getOut());
            assertTrue(output.getOut().contains("from option ffmpegPath)"), output.getOut());
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            b.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return b.toString();
    }
}
