package io.github.streamgear.playback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.streamgear.engine.output.PreviewPage;
import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code index.html} of option {@code previewPage=true}, opened in Chromium as a user would: its own player script
 * (hls.js for HLS, Shaka Player for DASH and CMAF) plays the output. The scripts come from the harness's copy of the
 * same pinned versions the page loads from the CDN by default (the test machine has no internet), through option
 * {@code previewPlayerUrl}.
 */
class PreviewPagePlaybackTest extends PlaybackTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePreviewPagePlaysHlsWithHlsJsAndCmafWithShaka() throws Exception {
        String hlsJs = harness.base() + "lib/hls.js/dist/hls.min.js";
        String shaka = harness.base() + "lib/shaka-player/dist/shaka-player.compiled.js";
        transcode(job("preview-hls", "format=hls&streams=320x180&segmentDuration=2&previewPage=true&previewPlayerUrl=" + hlsJs,
                        TestMedia.standard()),
                job("preview-cmaf", "format=cmaf&streams=320x180&segmentDuration=2&previewPage=true&previewPlayerUrl=" + shaka,
                        TestMedia.standard()));

        for (String job : new String[] { "preview-hls", "preview-cmaf" }) {
            Path page = out.resolve(job).resolve(PreviewPage.FILE_NAME);
            assertTrue(Files.isRegularFile(page), "the job wrote " + page);
            PlaybackReport report = harness.preview(harness.url(page), 2.0);
            save("preview-" + job, List.of(report));
            assertTrue(report.failures().isEmpty() && report.errors().isEmpty() && report.httpErrors().isEmpty()
                    && report.pageErrors().isEmpty(), () -> job + ": the preview page did not play cleanly:\n"
                    + PlayerHarness.pretty(report));
            var seen = JSON.readTree(report.json()).path("preview");
            String size = seen.path("videoWidth").asInt() + "x" + seen.path("videoHeight").asInt();
            assertTrue(size.equals("640x360") || size.equals("320x180"), () -> job + ": a picture of a rendition: " + seen);
            assertTrue(seen.path("scripts").toString().contains(job.endsWith("hls") ? "hls.min.js" : "shaka-player"),
                    () -> job + ": the page loads the player of its format: " + seen);
        }
    }

    /** What CI plays here is what users get by default: the CDN URLs pin the versions in the harness's lock file. */
    @Test
    void theDefaultPlayerUrlsPinTheVersionsTheHarnessPlays() throws Exception {
        String hlsJs = version("hls.js");
        String shaka = version("shaka-player");
        assertTrue(PreviewPage.HLS_JS.contains("hls.js@" + hlsJs + "/"), PreviewPage.HLS_JS + " vs hls.js " + hlsJs);
        assertTrue(PreviewPage.SHAKA.contains("shaka-player@" + shaka + "/"), PreviewPage.SHAKA + " vs shaka-player " + shaka);
    }

    private static String version(String module) throws Exception {
        Path pkg = PlayerHarness.HARNESS_DIR.resolve("node_modules").resolve(module).resolve("package.json");
        return JSON.readTree(pkg.toFile()).path("version").asText();
    }
}
