package io.github.streamgear.playback;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.streamgear.engine.output.PreviewPage;
import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code index.html} of option {@code previewPage=true}, opened in Chromium as a user would: its own player script
 * (hls.js for HLS, Shaka Player for DASH and CMAF) plays the output. The scripts come from the harness's copy of the
 * same pinned versions the page loads from the CDN by default (the test machine has no internet), through option
 * {@code previewPlayerUrl}, or from beside the page with {@code previewPlayer=copy}. The harness blocks every request
 * that is not to 127.0.0.1, so a page that needs the internet fails as it would on an offline server.
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

    /**
     * Option previewPlayer=copy: the page plays from a server without the internet. The harness blocks every request
     * that is not to 127.0.0.1 (as on an offline or intranet server); the page must load its player from beside it,
     * with no request blocked and no failed request.
     */
    @Test
    void withPreviewPlayerCopyThePagePlaysOffline() throws Exception {
        transcode(job("offline-hls", "format=hls&streams=320x180&segmentDuration=2&previewPage=true&previewPlayer=copy",
                        TestMedia.standard()),
                job("offline-cmaf", "format=cmaf&streams=320x180&segmentDuration=2&previewPage=true&previewPlayer=copy",
                        TestMedia.standard()));

        for (String job : new String[] { "offline-hls", "offline-cmaf" }) {
            Path page = out.resolve(job).resolve(PreviewPage.FILE_NAME);
            String player = job.endsWith("hls") ? PreviewPage.HLS_JS_FILE : PreviewPage.SHAKA_FILE;
            assertTrue(Files.isRegularFile(page.resolveSibling(player)), () -> job + ": the job wrote " + player);
            PlaybackReport report = harness.preview(harness.url(page), 2.0);
            save("preview-" + job, List.of(report));
            var seen = JSON.readTree(report.json()).path("preview");
            assertTrue(report.failures().isEmpty() && report.errors().isEmpty() && report.httpErrors().isEmpty()
                    && report.pageErrors().isEmpty() && seen.path("blocked").isEmpty(),
                    () -> job + ": the preview page did not play cleanly offline:\n" + PlayerHarness.pretty(report));
            assertEquals("[\"" + harness.url(page.resolveSibling(player)) + "\"]", seen.path("scripts").toString(),
                    () -> job + ": the page loads the player beside it: " + seen);
            String size = seen.path("videoWidth").asInt() + "x" + seen.path("videoHeight").asInt();
            assertTrue(size.equals("640x360") || size.equals("320x180"), () -> job + ": a picture of a rendition: " + seen);
        }

        // the player not published with the page: the page says what is missing
        Path moved = out.resolve("offline-hls").resolve("elsewhere").resolve(PreviewPage.FILE_NAME);
        Files.createDirectories(moved.getParent());
        Files.copy(out.resolve("offline-hls").resolve(PreviewPage.FILE_NAME), moved);
        PlaybackReport report = harness.preview(harness.url(moved), 2.0);
        save("preview-without-player", List.of(report));
        assertEquals("The player script could not be loaded from " + harness.url(moved.resolveSibling(PreviewPage.HLS_JS_FILE))
                + ". It is written beside this page by option previewPlayer=copy: publish it with index.html.",
                JSON.readTree(report.json()).path("preview").path("status").asText(), () -> PlayerHarness.pretty(report));
    }

    /**
     * Where the player script cannot be loaded (no internet, a wrong {@code previewPlayerUrl}) the page says so: which
     * URL failed and which options fix it, instead of an empty 0:00 player. The harness blocks every request that is
     * not to 127.0.0.1, so the default CDN URL fails as it does on an offline server.
     */
    @Test
    void aPageWhosePlayerCannotLoadNamesTheUrlAndTheOptions() throws Exception {
        transcode(job("cdn-hls", "format=hls&streams=320x180&segmentDuration=2&previewPage=true", TestMedia.standard()),
                job("cdn-cmaf", "format=cmaf&streams=320x180&segmentDuration=2&previewPage=true", TestMedia.standard()));
        Path hls = out.resolve("cdn-hls").resolve(PreviewPage.FILE_NAME);
        Path cmaf = out.resolve("cdn-cmaf").resolve(PreviewPage.FILE_NAME);
        // the same page with a URL nothing listens on (a wrong previewPlayerUrl)
        Path unreachable = hls.resolveSibling("unreachable.html");
        String nope = "http://127.0.0.1:9/nope.js";
        Files.writeString(unreachable, Files.readString(hls).replace(PreviewPage.HLS_JS, nope));

        for (var page : List.of(Map.entry(hls, PreviewPage.HLS_JS), Map.entry(cmaf, PreviewPage.SHAKA),
                Map.entry(unreachable, nope))) {
            PlaybackReport report = harness.preview(harness.url(page.getKey()), 2.0);
            save("preview-fails", List.of(report));
            var seen = JSON.readTree(report.json()).path("preview");
            String status = seen.path("status").asText();
            assertEquals("The player script could not be loaded from " + page.getValue() + ". Set option previewPlayerUrl"
                    + " to a copy this browser can reach, or previewPlayer=copy to write the player beside this page.",
                    status, () -> page + ": the page names the URL and the options:\n" + PlayerHarness.pretty(report));
            assertTrue(report.pageErrors().isEmpty(), () -> page + ": no script error besides:\n" + PlayerHarness.pretty(report));
        }

        // a script that loads but is not the player (here Shaka for an HLS page)
        Path wrong = hls.resolveSibling("wrong.html");
        String shaka = harness.base() + "lib/shaka-player/dist/shaka-player.compiled.js";
        Files.writeString(wrong, Files.readString(hls).replace(PreviewPage.HLS_JS, shaka));
        PlaybackReport report = harness.preview(harness.url(wrong), 2.0);
        save("preview-fails", List.of(report));
        assertEquals("The player script from " + shaka + " did not define Hls. Set option previewPlayerUrl to a copy this"
                + " browser can reach, or previewPlayer=copy to write the player beside this page.",
                JSON.readTree(report.json()).path("preview").path("status").asText(), () -> PlayerHarness.pretty(report));
    }

    /** What CI plays here is what users get by default: the CDN URLs pin the versions in the harness's lock file. */
    @Test
    void theDefaultPlayerUrlsPinTheVersionsTheHarnessPlays() throws Exception {
        String hlsJs = version("hls.js");
        String shaka = version("shaka-player");
        assertTrue(PreviewPage.HLS_JS.contains("hls.js@" + hlsJs + "/"), PreviewPage.HLS_JS + " vs hls.js " + hlsJs);
        assertTrue(PreviewPage.SHAKA.contains("shaka-player@" + shaka + "/"), PreviewPage.SHAKA + " vs shaka-player " + shaka);
        // and previewPlayer=copy writes the very files of those versions
        assertJarCarries(PreviewPage.HLS_JS_FILE, "hls.js/dist/hls.min.js");
        assertJarCarries(PreviewPage.SHAKA_FILE, "shaka-player/dist/shaka-player.compiled.js");
    }

    private static void assertJarCarries(String name, String module) throws Exception {
        try (InputStream jar = PreviewPage.class.getResourceAsStream("/io/github/streamgear/preview/" + name)) {
            assertTrue(jar != null, "the jar carries " + name);
            assertTrue(Arrays.equals(Files.readAllBytes(PlayerHarness.HARNESS_DIR.resolve("node_modules").resolve(module)),
                    jar.readAllBytes()), name + " in the jar is node_modules/" + module);
        }
    }

    private static String version(String module) throws Exception {
        Path pkg = PlayerHarness.HARNESS_DIR.resolve("node_modules").resolve(module).resolve("package.json");
        return JSON.readTree(pkg.toFile()).path("version").asText();
    }
}
