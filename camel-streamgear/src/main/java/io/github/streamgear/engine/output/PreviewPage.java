package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.github.streamgear.engine.settings.StreamFormat;

/**
 * Writes {@code index.html} beside a job's output: a page that plays it, so a result can be checked in a browser from
 * any static web server. HLS plays with hls.js, DASH and CMAF (its MPD) with Shaka Player; the player script is loaded
 * from a pinned CDN URL unless another URL (e.g. a local copy) is given.
 */
public final class PreviewPage {

    public static final String FILE_NAME = "index.html";
    public static final String HLS_JS = "https://cdn.jsdelivr.net/npm/hls.js@1.7.4/dist/hls.min.js";
    public static final String SHAKA = "https://cdn.jsdelivr.net/npm/shaka-player@5.2.12/dist/shaka-player.compiled.js";

    private PreviewPage() {
    }

    /**
     * @param playerUrl the player script to load; null for the default of the format (hls.js for HLS, Shaka otherwise)
     */
    public static Path write(Path jobDir, String jobId, OutputLayout layout, String playerUrl) {
        boolean hls = layout.format() == StreamFormat.HLS;
        String manifest = hls ? layout.hlsMaster() : layout.dashManifest();
        String script = playerUrl != null && !playerUrl.isBlank() ? playerUrl : hls ? HLS_JS : SHAKA;
        String start = hls ? """
                if (Hls.isSupported()) {
                  const hls = new Hls(); hls.loadSource(src); hls.attachMedia(video);
                  hls.on(Hls.Events.ERROR, (e, d) => { if (d.fatal) show('hls.js: ' + d.details); });
                } else { video.src = src; }""" : """
                shaka.polyfill.installAll();
                const player = new shaka.Player(); player.attach(video)
                  .then(() => player.load(src)).catch(e => show('Shaka: ' + (e.code || e)));""";
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <link rel="icon" href="data:,">
                <title>%1$s</title>
                <style>body{font-family:sans-serif;margin:2em;background:#111;color:#eee}video{max-width:100%%;background:#000}</style>
                <script src="%2$s"></script>
                </head>
                <body>
                <h1>%1$s</h1>
                <video id="video" controls muted autoplay playsinline width="960"></video>
                <p><a href="%3$s">%3$s</a> <span id="status"></span></p>
                <script>
                const video = document.getElementById('video');
                const src = '%3$s';
                function show(text) { document.getElementById('status').textContent = text; }
                %4$s
                </script>
                </body>
                </html>
                """.formatted(escape(jobId), escape(script), escape(manifest), start.strip());
        Path page = jobDir.resolve(FILE_NAME);
        try {
            ReplaceAtomically.write(page, html);
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the preview page " + page, e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
