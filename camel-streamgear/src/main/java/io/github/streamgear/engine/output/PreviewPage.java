package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

import io.github.streamgear.engine.settings.OutputPolicy;
import io.github.streamgear.engine.settings.PreviewPlayer;
import io.github.streamgear.engine.settings.StreamFormat;

/**
 * Writes {@code index.html} beside a job's output: a page that plays it, so a result can be checked in a browser from
 * any static web server. HLS plays with hls.js, DASH and CMAF (its MPD) with Shaka Player. The player script is loaded
 * from a pinned CDN URL, from another URL (option {@code previewPlayerUrl}), or, with {@code previewPlayer=copy}, from
 * a copy of the same pinned version that this class writes beside the page from the component jar (no internet needed).
 * If the script cannot be loaded, the page says which URL failed and which options fix it.
 */
public final class PreviewPage {

    public static final String FILE_NAME = "index.html";
    public static final String HLS_JS = "https://cdn.jsdelivr.net/npm/hls.js@1.7.4/dist/hls.min.js";
    public static final String SHAKA = "https://cdn.jsdelivr.net/npm/shaka-player@5.2.12/dist/shaka-player.compiled.js";
    /** The names of the player copies of {@code previewPlayer=copy}: the file names of the CDN URLs. */
    public static final String HLS_JS_FILE = "hls.min.js";
    public static final String SHAKA_FILE = "shaka-player.compiled.js";
    public static final Set<String> PLAYER_FILES = Set.of(HLS_JS_FILE, SHAKA_FILE);

    /** Where the jar carries the copies (unmodified files of the npm packages, with their licences and a README). */
    static final String RESOURCES = "/io/github/streamgear/preview/";

    private PreviewPage() {
    }

    /**
     * Writes the page, and first, with {@code previewPlayer=copy}, the player script it loads.
     *
     * @return the page
     */
    public static Path write(Path jobDir, String jobId, OutputLayout layout, OutputPolicy policy) {
        boolean hls = layout.format() == StreamFormat.HLS;
        boolean copy = policy.previewPlayer() == PreviewPlayer.COPY;
        String script;
        if (copy) {
            script = hls ? HLS_JS_FILE : SHAKA_FILE;
            copyPlayer(script, jobDir.resolve(script));
        } else {
            script = policy.previewPlayerUrl() != null ? policy.previewPlayerUrl() : hls ? HLS_JS : SHAKA;
        }
        return write(jobDir, jobId, layout, script, copy);
    }

    private static Path write(Path jobDir, String jobId, OutputLayout layout, String script, boolean copy) {
        boolean hls = layout.format() == StreamFormat.HLS;
        String manifest = hls ? layout.hlsMaster() : layout.dashManifest();
        String fix = copy
                ? " It is written beside this page by option previewPlayer=copy: publish it with index.html."
                : " Set option previewPlayerUrl to a copy this browser can reach, or previewPlayer=copy to write the player"
                  + " beside this page.";
        String start = hls ? """
                if (typeof Hls === 'undefined') {
                  missing('Hls');
                } else if (Hls.isSupported()) {
                  const hls = new Hls(); hls.loadSource(src); hls.attachMedia(video);
                  hls.on(Hls.Events.ERROR, (e, d) => { if (d.fatal) show('hls.js: ' + d.details); });
                } else { video.src = src; }""" : """
                if (typeof shaka === 'undefined') {
                  missing('shaka');
                } else {
                  shaka.polyfill.installAll();
                  const player = new shaka.Player(); player.attach(video)
                    .then(() => player.load(src)).catch(e => show('Shaka: ' + (e.code || e)));
                }""";
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <link rel="icon" href="data:,">
                <title>%1$s</title>
                <style>body{font-family:sans-serif;margin:2em;background:#111;color:#eee}video{display:block;width:960px;max-width:100%%;height:auto;background:#000}\
                #status:not(:empty){color:#fff;background:#a00;padding:.5em 1em}</style>
                <script>
                let playerFailed = false;
                function show(text) { document.getElementById('status').textContent = text; }
                function failed(script) {
                  playerFailed = true;
                  const text = 'The player script could not be loaded from ' + script.src + '.' + '%5$s';
                  if (document.readyState === 'loading') { addEventListener('DOMContentLoaded', () => show(text)); } else { show(text); }
                }
                function missing(name) {
                  if (!playerFailed) {
                    show('The player script from ' + document.getElementById('player').src + ' did not define ' + name + '.' + '%5$s');
                  }
                }
                </script>
                <script id="player" src="%2$s" onerror="failed(this)"></script>
                </head>
                <body>
                <h1>%1$s</h1>
                <video id="video" controls muted autoplay playsinline></video>
                <p id="status" role="alert"></p>
                <p><a href="%3$s">%3$s</a></p>
                <script>
                const video = document.getElementById('video');
                const src = '%3$s';
                %4$s
                </script>
                </body>
                </html>
                """.formatted(escape(jobId), escape(script), escape(manifest), start.strip(), fix);
        Path page = jobDir.resolve(FILE_NAME);
        try {
            ReplaceAtomically.write(page, html);
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the preview page " + page, e);
        }
    }

    private static void copyPlayer(String name, Path target) {
        try (InputStream in = PreviewPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("The component jar lacks " + RESOURCES + name + " (option previewPlayer=copy)");
            }
            ReplaceAtomically.write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the preview page's player " + target, e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
