package io.github.streamgear.examples.vodfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.streamgear.camel.StreamGearComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Smoke test of the bundled FFmpeg (org.bytedeco:ffmpeg 8.0.1): the component runs a job with it, pointed at it with
 * ffmpegPath, so this passes whether or not a system FFmpeg is installed too.
 */
class BundledFfmpegSmokeTest {

    @TempDir
    Path dir;

    @Test
    void theComponentTranscodesWithTheBundledFfmpeg() throws Exception {
        Path ffmpeg = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        Path ffprobe = Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
        Path sample = dir.resolve("bundled.mp4");
        Process p = new ProcessBuilder(ffmpeg.toString(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi",
                "-i", "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "3",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", sample.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "bundled ffmpeg made the sample: " + log);

        try (CamelContext context = new DefaultCamelContext()) {
            StreamGearComponent component = new StreamGearComponent();
            component.setFfmpegPath(ffmpeg.toString());
            component.setFfprobePath(ffprobe.toString());
            context.addComponent("streamgear", component);
            context.start();
            String uri = "streamgear:bundled?format=cmaf&streams=160x90&outputDir=" + dir.resolve("out");
            Exchange x = context.createProducerTemplate().request(uri, e -> e.getIn().setBody(sample.toFile()));
            assertNull(x.getException());
            @SuppressWarnings("unchecked")
            List<Message> reply = x.getMessage().getBody(List.class);
            assertTrue(reply.stream().anyMatch(m -> "bundled/manifest.mpd".equals(m.getHeader(Exchange.FILE_NAME))));
            assertTrue(Files.size(dir.resolve("out/bundled/manifest.m3u8")) > 0);
            // FFmpeg stamps its libavformat version into what it writes: Lavf62 is FFmpeg 8, Lavf59 is FFmpeg 5.1
            Process probe = new ProcessBuilder(ffprobe.toString(), "-v", "error", "-show_entries", "format_tags=encoder",
                    "-of", "csv=p=0", dir.resolve("out/bundled/init-0.m4s").toString()).redirectErrorStream(true).start();
            String encoder = new String(probe.getInputStream().readAllBytes()).trim();
            assertTrue(probe.waitFor(30, TimeUnit.SECONDS) && encoder.startsWith("Lavf62"),
                    "written by the bundled FFmpeg 8 (libavformat 62), not " + encoder);
        }
    }
}
