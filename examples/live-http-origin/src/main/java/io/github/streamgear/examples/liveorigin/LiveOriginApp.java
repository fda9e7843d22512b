package io.github.streamgear.examples.liveorigin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.streamgear.camel.StreamGearConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams frames drawn in Java live as CMAF (DASH + HLS) and publishes every file to an HTTP origin as it is produced
 * (see {@link LiveRoutes}). Without {@code -Dorigin=URL} it starts its own origin ({@link EmbeddedOrigin}).
 * <p>
 * System properties:
 * <ul>
 * <li>{@code seconds} (20): how long to stream; then the stream is ended, the ended stream is read back from the origin
 * ({@link OriginCheck}) and the application exits, non-zero if anything failed. 0 streams until Enter is pressed, then
 * does the same;</li>
 * <li>{@code fps} (25): frames per second, a divisor of 1000 (the timer's period is 1000/fps ms);</li>
 * <li>{@code origin}: base URL files are PUT to and DELETEd from, e.g. {@code https://ingest.example.com/streams};</li>
 * <li>{@code playback}: base URL players read from, when it is not the origin's (a CDN in front of it);</li>
 * <li>{@code originPort} (8080): port of the embedded origin (any free port if taken);</li>
 * <li>{@code work}: the folder for the stream's files ({@code work/streams/live}) and the embedded origin's
 * ({@code work/origin}).</li>
 * </ul>
 */
public final class LiveOriginApp {

    private static final Logger LOG = LoggerFactory.getLogger(LiveOriginApp.class);

    private LiveOriginApp() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path work = Path.of(System.getProperty("work", "work")).toAbsolutePath().normalize();
        int seconds = Integer.getInteger("seconds", 20);
        int fps = Integer.getInteger("fps", 25);
        if (seconds < 0 || fps <= 0 || 1000 % fps != 0) {
            throw new IllegalArgumentException("seconds must be 0 or more, and fps a divisor of 1000 (10, 20, 25, 40,"
                    + " 50): the frame timer's period is 1000/fps milliseconds");
        }
        Path streams = work.resolve("streams");
        deleteTree(streams.resolve("live")); // the previous run's stream

        EmbeddedOrigin embedded = null;
        String origin = withoutTrailingSlash(System.getProperty("origin", ""));
        if (origin.isEmpty()) {
            deleteTree(work.resolve("origin"));
            embedded = EmbeddedOrigin.start(work.resolve("origin"), Integer.getInteger("originPort", 8080));
            origin = embedded.url();
            LOG.info("No origin configured: started an HTTP origin at {} (PUT, DELETE, GET with CORS), files in {}",
                    origin, work.resolve("origin"));
        }
        String playback = withoutTrailingSlash(System.getProperty("playback", origin));
        OriginCheck check = new OriginCheck(URI.create(playback + "/live/"));

        CompletableFuture<List<Message>> ended = new CompletableFuture<>();
        LiveRoutes routes = new LiveRoutes(streams, fps, (long) seconds * fps, origin, ended);
        Main main = new Main();
        main.configure().withName("live-http-origin").addRoutesBuilder(routes);
        printHowToWatch(playback, seconds);
        try {
            main.start();
            try {
                List<Message> files;
                if (seconds > 0) {
                    files = ended.get(seconds + 120L, TimeUnit.SECONDS); // the route ends the stream after its frames
                } else {
                    awaitEnter();
                    files = endStream(main.getCamelContext(), routes);
                }
                LOG.info("FFmpeg finalised the stream ({} files); reading it back from {}", files.size(), playback);
                String report = check.awaitEnded(Duration.ofSeconds(30));
                System.out.printf("%nThe origin serves the ended stream at %s/live/:%n%s%s%n", playback, report,
                        embedded == null ? "" : String.format("  (the origin took %d PUTs and %d DELETEs)%n",
                                embedded.puts(), embedded.deletes()));
            } finally {
                main.stop();
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** seconds=0: streams until Enter is pressed; without a terminal (stdin at its end), until the process is killed. */
    private static void awaitEnter() throws Exception {
        BufferedReader console = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (console.readLine() == null) {
            LOG.warn("No console to read Enter from: streaming until the process is stopped, and the stream is then"
                    + " not finalised (see the README)");
            new CountDownLatch(1).await();
        }
    }

    /** Stops the frames and ends the stream; the reply comes once FFmpeg has finalised the manifests. */
    @SuppressWarnings("unchecked")
    private static List<Message> endStream(CamelContext context, LiveRoutes routes) throws Exception {
        context.getRouteController().stopRoute("frames");
        Exchange end = context.createProducerTemplate().request(routes.liveUri(),
                e -> e.getIn().setHeader(StreamGearConstants.END_OF_STREAM, true));
        if (end.getException() != null) {
            throw end.getException();
        }
        return end.getMessage().getBody(List.class);
    }

    private static void printHowToWatch(String playback, int seconds) {
        System.out.printf("""

                Live stream (CMAF: DASH and HLS over the same segments), published as it is produced:
                  DASH manifest:        %1$s/live/manifest.mpd
                  HLS master playlist:  %1$s/live/manifest.m3u8
                Play it while it runs (the first segment is there about %2$d s after the start):
                  ffplay %1$s/live/manifest.m3u8
                  ffplay %1$s/live/manifest.mpd
                (browser players such as the Shaka Player or hls.js demo pages load from another origin: the embedded
                origin sends the CORS header they need). %3$s

                """, playback, (int) LiveRoutes.SEGMENT_SECONDS * 2,
                seconds == 0 ? "Press Enter to end the stream." : "The stream ends after " + seconds + " s.");
    }

    private static String withoutTrailingSlash(String url) {
        return url.trim().replaceAll("/+$", "");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
