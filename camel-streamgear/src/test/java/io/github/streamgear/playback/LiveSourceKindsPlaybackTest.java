package io.github.streamgear.playback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.streamgear.testing.RtspStandIn;
import io.github.streamgear.testing.SourceServer;
import io.github.streamgear.testing.StaticFiles;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.streamgear.playback.Player.DASHJS;
import static io.github.streamgear.playback.Player.HLS_JS;
import static io.github.streamgear.playback.Player.SHAKA;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every other kind of live source watched while it runs (SRT has {@link LiveSourcePlaybackTest}): an RTSP camera
 * stand-in with a password (GStreamer's RTSP server, where installed), an RTMP server, a UDP MPEG-TS sender, an HLS
 * stream over HTTP and a file played in real time, each read by its own {@code from("streamgear:...")} route at the same
 * time, each watched by one player for one of its formats so that every player and format is covered: hls.js (HLS) on
 * RTSP, dash.js (DASH) on UDP and on the file (two renditions), Shaka on RTMP (DASH) and on the HLS source (HLS). The
 * players check what the other live playback tests check (live, advancing, the rendition shown at its size, no error);
 * then the routes stop and the players reach the end of the finalised streams.
 */
class LiveSourceKindsPlaybackTest extends PlaybackTestSupport {

    /**
     * 10 segments, not 6: FFmpeg's last (static) MPD keeps only the window, which has slid past segments that the last
     * live version a player fetched still listed (the final short segment pushes the oldest out), and a player that lags
     * on a busy machine may still need one: dash.js then waits for ever (seen: video buffered to 15 s, the last live MPD
     * it had listing video from 14 s, the final one from 16 s; Chromium plays audio on for 3 s, then waits at 17.987).
     * A defect of its own (docs/live-sources.md), not of a source kind; the window keeps this test about the kinds.
     */
    private static final int WINDOW = 10;
    private static final long WATCH_MS = 15_000;
    /**
     * The page's end wait starts when its rendition checks are done, not when the route stops: the first player started
     * also waits for the other sources to start, for WATCH_MS and for the routes before its own to stop, then plays the
     * seconds it is behind the live edge. With the page's 20 s it was still playing at the timeout (hls.js on RTSP at
     * 25.061 of 25.088 s, readyState 4, not paused). A stuck player still fails, later.
     */
    private static final int END_TIMEOUT_MS = 60_000;
    private static final String LIVE = "&livestream=true&segmentDuration=1&windowSize=" + WINDOW
            + "&preset=ultrafast&streams=320x180&progressInterval=0"; // one rendition of the 320x180 sources, two of the file

    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void rtspRtmpUdpHlsAndFileSourcesPlayLive() throws Exception {
        Map<String, String> sources = new LinkedHashMap<>(); // route -> endpoint options
        Map<Path, Player> watched = new LinkedHashMap<>();
        if (RtspStandIn.available()) {
            int port = SourceServer.freePort();
            servers.add(RtspStandIn.start(port, "viewer", "Kinds5ecret", out.resolve("rtsp-server.log")));
            sources.put("rtspkind", "format=cmaf&input.rtsp_transport=tcp&videoSource=rtsp://127.0.0.1:" + port
                    + "/cam&sourceUsername=viewer&sourcePassword=Kinds5ecret");
            watched.put(out.resolve("rtspkind/manifest.m3u8"), HLS_JS);
        }
        int rtmp = SourceServer.freePort();
        servers.add(SourceServer.serve("-f flv -listen 1 rtmp://127.0.0.1:" + rtmp + "/live/x", out.resolve("rtmp.log")));
        sources.put("rtmpkind", "format=dash&videoSource=rtmp://127.0.0.1:" + rtmp + "/live/x");
        watched.put(out.resolve("rtmpkind/manifest.mpd"), SHAKA);
        int udp = SourceServer.freePort();
        servers.add(SourceServer.serve("-f mpegts udp://127.0.0.1:" + udp + "?pkt_size=1316", out.resolve("udp.log")));
        sources.put("udpkind", "format=cmaf&videoSource=udp://127.0.0.1:" + udp);
        watched.put(out.resolve("udpkind/manifest.mpd"), DASHJS);
        sources.put("hlskind", "format=hls&videoSource=http://127.0.0.1:" + hlsOrigin() + "/live.m3u8");
        watched.put(out.resolve("hlskind/manifest.m3u8"), SHAKA);
        sources.put("filekind", "format=dash&liveLoop=true&videoSource=" + TestMedia.standard());
        watched.put(out.resolve("filekind/manifest.mpd"), DASHJS);

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                sources.forEach((name, options) -> from("streamgear:" + name + "?outputDir=" + out + LIVE + "&" + options)
                        .routeId(name).process(e -> { }));
            }
        });
        List<CompletableFuture<PlaybackReport>> runs = new ArrayList<>();
        for (Map.Entry<Path, Player> w : watched.entrySet()) {
            await("3 segments listed in " + w.getKey(), () -> segmentsListed(w.getKey()) >= 3);
            runs.addAll(startLive(List.of(w.getKey()), List.of(w.getValue()), "liveWindowSeconds", WINDOW,
                    "endTimeoutMs", END_TIMEOUT_MS));
        }
        Thread.sleep(WATCH_MS);
        long endRequested = System.currentTimeMillis();
        for (String route : sources.keySet()) {
            context.getRouteController().stopRoute(route);
        }
        assertEquals(List.of(), SourceServer.componentFfmpeg(), "no FFmpeg of the component after the routes stopped");

        List<PlaybackReport> reports = runs.stream().map(CompletableFuture::join).toList();
        save("live-source-kinds", reports);
        List<List<String>> problems = new ArrayList<>();
        for (PlaybackReport r : reports) {
            Path manifest = watched.keySet().stream().filter(m -> harness.url(m).toString().equals(r.url())).findFirst()
                    .orElseThrow();
            List<Manifest> served = new ArrayList<>();
            for (String version : harness.served(manifest)) {
                served.add(Manifest.advertised(version, manifest.getFileName().toString()));
            }
            problems.add(PlaybackAssertions.liveProblems(r, Manifest.read(manifest), served, endRequested));
        }
        PlaybackAssertions.assertNoProblems(reports, problems);
    }

    /** An HLS stream written by FFmpeg and served over HTTP on 127.0.0.1; returns the port. */
    private int hlsOrigin() throws IOException {
        Path origin = Files.createDirectories(out.resolve("origin"));
        servers.add(SourceServer.serve("-f hls -hls_time 1 -hls_list_size 6 -hls_flags delete_segments+temp_file "
                + origin.resolve("live.m3u8"), out.resolve("hls.log")));
        StaticFiles http = StaticFiles.serve(origin);
        servers.add(http);
        try {
            await("the HLS origin publishes", () -> Files.exists(origin.resolve("live.m3u8")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return http.port();
    }
}
