package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.streamgear.testing.StreamAssertions;
import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.StreamInspector.Track;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rateControl=capped-quality: easy content spends far less than capped-vbr gives it, hard content is held to the
 * rendition's cap, and both outputs pass the stream-quality checks (aligned keyframes, segment durations, a measured
 * DASH bandwidth within 15% of what is delivered).
 */
class RateControlTest extends CamelTestSupport {

    @TempDir
    Path out;

    @Test
    void easyContentSpendsWhatItsQualityNeeds() throws Exception {
        Path easy = source("easy.mp4", "testsrc=size=640x360:rate=30", 6, true);
        transcode("vbr", "format=dash&segmentDuration=2", easy);
        transcode("quality", "format=dash&segmentDuration=2&rateControl=capped-quality", easy);
        Path vbr = out.resolve("vbr/manifest.mpd");
        Path quality = out.resolve("quality/manifest.mpd");
        StreamAssertions.assertStreamQuality(vbr, 6, 2, true);
        StreamAssertions.assertStreamQuality(quality, 6, 2, true);
        double vbrBps = videoBps(vbr);
        double qualityBps = videoBps(quality);
        assertTrue(qualityBps < 0.7 * vbrBps, "easy content at constant quality: " + qualityBps + " bit/s against "
                + vbrBps + " with capped-vbr");
    }

    @Test
    void hardContentIsHeldToTheCap() throws Exception {
        Path noise = source("noise.mp4", "testsrc2=size=320x180:rate=25,noise=alls=25:allf=t+u", 4, false);
        transcode("noise-vbr", "format=dash&segmentDuration=2&streams=", noise);
        transcode("noise-quality", "format=dash&segmentDuration=2&streams=&rateControl=capped-quality&crf=1", noise);
        Path vbr = out.resolve("noise-vbr/manifest.mpd");
        Path quality = out.resolve("noise-quality/manifest.mpd");
        StreamAssertions.assertStreamQuality(quality, 4, 2, false);
        // crf=1 asks for far more than the 320x180 rung's cap (320 x 180 x 25 fps x 0.1 bpp = 144 kbit/s): the same VBV
        // holds it as it holds capped-vbr (both may spend the buffer the encoder starts with, 1.4 s at the cap, over
        // and above the cap in a clip this short)
        double vbrBps = videoBps(vbr);
        double qualityBps = videoBps(quality);
        assertTrue(qualityBps <= 1.15 * vbrBps, "held like capped-vbr: " + qualityBps + " against " + vbrBps);
        assertTrue(qualityBps <= 144_000 * (1 + 1.4 / 4), "within the VBV bound of the cap: " + qualityBps);
        assertTrue(qualityBps >= 144_000 * 0.80, "hard content gets what the cap allows: " + qualityBps);
    }

    @Test
    void optionsThatCannotWorkAreRefused() {
        Exception codec = assertThrows(Exception.class, () -> context.getEndpoint(
                "streamgear:x?outputDir=" + out + "&rateControl=capped-quality&videoCodec=libvpx-vp9"));
        assertTrue(rootMessage(codec).contains("libx264 or libx265"), rootMessage(codec));
        Exception crf = assertThrows(Exception.class, () -> context.getEndpoint(
                "streamgear:y?outputDir=" + out + "&crf=23"));
        assertTrue(rootMessage(crf).contains("rateControl=capped-quality"), rootMessage(crf));
    }

    private static double videoBps(Path mpd) throws Exception {
        Track video = StreamInspector.readTracks(mpd).stream().filter(t -> !t.audio()).findFirst().orElseThrow();
        long bytes = 0;
        for (Path segment : video.segments()) {
            bytes += Files.size(segment);
        }
        return bytes * 8 / video.durationSeconds();
    }

    private Path source(String name, String lavfi, int seconds, boolean audio) throws Exception {
        Path file = out.resolve("in/" + name);
        Files.createDirectories(file.getParent());
        List<String> args = new java.util.ArrayList<>(List.of("-f", "lavfi", "-i", lavfi));
        if (audio) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-c:a", "aac", "-shortest"));
        }
        args.addAll(List.of("-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-crf", "10",
                "-pix_fmt", "yuv420p", file.toString()));
        TestMediaSupport.ffmpeg(args.toArray(String[]::new));
        return file;
    }

    private void transcode(String jobId, String options, Path source) {
        Exchange result = template.request("streamgear:rc?outputDir=" + out + "&" + options, e -> {
            e.getIn().setBody(source.toFile());
            e.getIn().setHeader(StreamGearConstants.JOB_ID, jobId);
        });
        assertNull(result.getException(), () -> String.valueOf(result.getException()));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
