package io.github.streamgear.examples.quarkus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}) with one bad
 * {@code camel.component.streamgear.*} property each: it exits with an error at startup, and what it prints names the
 * property (or every place FFmpeg was looked for).
 */
class BadPropertiesIT {

    @TempDir
    Path home;

    /** Runs the application with these system properties (they override application.properties); its output. */
    private String runExpectingFailure(String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dapp.home=" + home));
        for (String property : properties) {
            command.add("-D" + property);
        }
        command.addAll(List.of("-jar", System.getProperty("quarkus.app.jar", "target/quarkus-app/quarkus-run.jar")));
        Path log = home.resolve("app.log");
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = app.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        assertTrue(ended, "the application kept running with " + List.of(properties) + ":\n" + output);
        assertNotEquals(0, app.exitValue(), "exit code with " + List.of(properties) + ":\n" + output);
        return output;
    }

    @Test
    void anUnknownPropertyStopsTheApplication() throws Exception {
        String output = runExpectingFailure("camel.component.streamgear.bogus-option=1");
        assertTrue(output.contains("camel.component.streamgear.bogusOption=1"), output);
    }

    @Test
    void anFfmpegPathThatDoesNotExistStopsTheApplication() throws Exception {
        String output = runExpectingFailure("camel.component.streamgear.ffmpeg-path=/nonexistent/ffmpeg");
        assertTrue(output.contains("FFmpeg was not found or does not run. Looked at: option"
                + " ffmpegPath=/nonexistent/ffmpeg (does not exist)"), output);
    }
}
