package io.github.streamgear.examples.scaleout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates test videos for the demo (FFmpeg's built-in patterns with a tone, 1280x720 30 fps H.264/AAC), each
 * different, and moves them into the inbox when they are complete.
 */
final class Samples {

    private static final Logger LOG = LoggerFactory.getLogger(Samples.class);
    private static final String[] PATTERNS = {"testsrc2", "smptehdbars", "rgbtestsrc", "testsrc", "smptebars"};

    private Samples() {
    }

    /** Returns the videos, in the inbox. */
    static List<Path> generate(Path inbox, int count, int seconds) throws IOException, InterruptedException {
        Files.createDirectories(inbox);
        Path ffmpeg = Ffmpeg.ffmpeg();
        long stamp = System.currentTimeMillis() / 1000;
        List<Path> videos = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "sample-" + stamp + "-" + (i + 1) + ".mp4";
            Path temp = inbox.resolve("." + name); // hidden: the submitter does not take it while it is written
            List<String> command = List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", PATTERNS[i % PATTERNS.length] + "=size=1280x720:rate=30",
                    "-f", "lavfi", "-i", "sine=frequency=" + (220 + 110 * i) + ":sample_rate=48000",
                    "-t", String.valueOf(seconds), "-metadata", "comment=" + name,
                    "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k",
                    "-f", "mp4", temp.toString());
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("FFmpeg could not generate " + name);
            }
            Files.move(temp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            videos.add(inbox.resolve(name));
            LOG.info("Generated {} ({} s) in {}", name, seconds, inbox);
        }
        return videos;
    }
}
