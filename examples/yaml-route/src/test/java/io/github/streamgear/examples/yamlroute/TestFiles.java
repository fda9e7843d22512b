package io.github.streamgear.examples.yamlroute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Sample videos, folder relocation and waiting, shared by the tests. */
final class TestFiles {

    private static final Pattern FOLDER = Pattern.compile("(file:|outputDir[=:] ?)(inbox|public|work/)");

    private TestFiles() {
    }

    /**
     * The routes of route.yaml and the guide use folders relative to the working directory ({@code inbox},
     * {@code public}, {@code work/...}); the tests move them into {@code dir}.
     */
    static String relocate(String route, Path dir) {
        Matcher m = FOLDER.matcher(route);
        StringBuilder out = new StringBuilder();
        int n = 0;
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + dir.toAbsolutePath() + "/" + m.group(2)));
            n++;
        }
        m.appendTail(out);
        assertTrue(n > 0, "no folder to relocate in\n" + route);
        return out.toString();
    }

    /** A video made by FFmpeg's test sources (a moving pattern and a 440 Hz tone), H.264/AAC in MP4. */
    static Path sampleVideo(Path file, int width, int height, int seconds) throws Exception {
        Files.createDirectories(file.getParent());
        List<String> argv = List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=25:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                file.toString());
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(file.resolveSibling(file.getFileName() + ".log").toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("FFmpeg did not make " + file + " within 60 s");
        }
        assertEquals(0, p.exitValue(), () -> "FFmpeg failed making " + file + ": " + read(file.resolveSibling(file.getFileName() + ".log")));
        return file;
    }

    /** Drops a file into a watched folder in one step, as an upload tool that renames when done would. */
    static void drop(Path file, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path staged = folder.resolveSibling(folder.getFileName() + ".tmp-" + file.getFileName());
        Files.copy(file, staged);
        Files.move(staged, folder.resolve(file.getFileName()));
    }

    static void await(Duration timeout, String what, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Regular files under dir, as sorted relative paths. */
    static List<String> tree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> list = new ArrayList<>();
            files.filter(Files::isRegularFile).forEach(f -> list.add(dir.relativize(f).toString()));
            list.sort(null);
            return list;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
