package io.github.streamgear.examples.rtspcamera;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RTSP camera to an HTTP origin, live ({@link CameraRoutes}). Without {@code -Dcamera=rtsp://...} it starts the
 * camera's stand-in ({@link StandInCamera}, with a user and a random password); without {@code -Dorigin=URL} its own
 * origin ({@link EmbeddedOrigin}).
 * <p>
 * System properties: {@code camera} (the camera's URL, credentials included), {@code origin} (base URL of the origin),
 * {@code seconds} (30: stream that long after the first segment reached the origin, stop the route, check that the origin serves the ended stream, exit non-zero
 * if not; 0: until Ctrl-C, which stops Camel gracefully and so finalises the stream), {@code originPort} (8080),
 * {@code work} (the stream's and the embedded origin's folder), {@code standIn} (the stand-in's script).
 */
public final class RtspCameraApp {

    private static final Pattern MEDIA_URI = Pattern.compile("#EXT-X-MEDIA:.*URI=\"([^\"]+)\"");
    private static final int FIRST_SEGMENT_WAIT_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(RtspCameraApp.class);

    private RtspCameraApp() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(System.getProperty("work", "work")).toAbsolutePath().normalize();
        int seconds = Integer.getInteger("seconds", 30);
        String camera = System.getProperty("camera", "").trim();
        String origin = System.getProperty("origin", "").trim().replaceAll("/+$", "");
        deleteTree(work.resolve("streams/cam1"));

        StandInCamera standIn = null;
        EmbeddedOrigin embedded = null;
        boolean failed = false;
        try {
            if (camera.isEmpty()) {
                String password = System.getProperty("standInPassword", HexFormat.of().formatHex(new SecureRandom()
                        .generateSeed(8)));
                standIn = StandInCamera.start(Path.of(System.getProperty("standIn", "camera/rtsp-server.py")), "viewer",
                        password);
                camera = standIn.url();
                LOG.info("No camera configured: started the RTSP camera stand-in (user viewer, a random password)");
            }
            if (origin.isEmpty()) {
                deleteTree(work.resolve("origin"));
                embedded = EmbeddedOrigin.start(work.resolve("origin"), Integer.getInteger("originPort", 8080));
                origin = embedded.url();
                LOG.info("No origin configured: started an HTTP origin at {}", origin);
            }
            System.out.printf("%nLive HLS from the camera, published as it is produced (the first segments after a few"
                    + " seconds):%n  ffplay %s/cam1/manifest.m3u8%n%n", origin);

            CameraRoutes routes = new CameraRoutes(camera, origin, work.resolve("streams"));
            Main main = new Main();
            main.configure().withName("rtsp-camera").addRoutesBuilder(routes);
            if (seconds == 0) {
                main.run(); // until Ctrl-C: Camel Main stops the route gracefully, which finalises the stream
                return;
            }
            main.start();
            boolean started;
            try {
                // the camera is opened on a thread of its own: a camera that is down does not hold up the start
                started = routes.firstSegment().await(FIRST_SEGMENT_WAIT_SECONDS, TimeUnit.SECONDS);
                if (started) {
                    LOG.info("The first segment is at the origin; streaming {} s more", seconds);
                    Thread.sleep(seconds * 1000L);
                }
            } finally {
                main.stop(); // the route stops: FFmpeg finalises, the last files reach the origin first
            }
            List<String> problems = started ? checkEnded(origin + "/cam1/")
                    : List.of("no segment reached the origin within " + FIRST_SEGMENT_WAIT_SECONDS + " s of the start");
            if (!problems.isEmpty()) {
                System.out.printf("%nThe origin does not serve a complete ended stream:%n  %s%n",
                        String.join("\n  ", problems));
                failed = true;
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            if (standIn != null) {
                standIn.close();
            }
        }
        if (failed) {
            System.exit(1); // only now: System.exit inside the try would skip closing the camera stand-in and origin
        }
    }

    /**
     * Reads the ended stream back from the origin as a player would: the master playlist, each media playlist (which
     * must end with {@code #EXT-X-ENDLIST}) and every segment it lists. Returns what is wrong, nothing if all is well.
     */
    static List<String> checkEnded(String base) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<String> problems = new ArrayList<>();
        HttpResponse<String> master = http.send(HttpRequest.newBuilder(URI.create(base + "manifest.m3u8")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (master.statusCode() != 200) {
            return List.of("manifest.m3u8: HTTP " + master.statusCode());
        }
        List<String> playlists = new ArrayList<>(uris(master.body()).stream().filter(u -> u.endsWith(".m3u8")).toList());
        Matcher media = MEDIA_URI.matcher(master.body()); // the audio playlist: #EXT-X-MEDIA:TYPE=AUDIO,...,URI="..."
        while (media.find()) {
            playlists.add(media.group(1));
        }
        if (playlists.isEmpty()) {
            problems.add("manifest.m3u8 names no media playlist");
        }
        int segments = 0;
        for (String name : playlists) {
            HttpResponse<String> playlist = http.send(HttpRequest.newBuilder(URI.create(base + name)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (playlist.statusCode() != 200 || !playlist.body().contains("#EXT-X-ENDLIST")) {
                problems.add(name + ": HTTP " + playlist.statusCode() + ", not ended (no #EXT-X-ENDLIST)");
                continue;
            }
            List<String> listed = uris(playlist.body());
            if (listed.isEmpty()) {
                problems.add(name + " lists no segment");
            }
            for (String segment : listed) {
                int status = http.send(HttpRequest.newBuilder(URI.create(base + segment)).method("HEAD",
                        HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 200) {
                    problems.add(name + " lists " + segment + ": HTTP " + status);
                }
                segments++;
            }
        }
        System.out.printf("%nThe origin serves the stream at %smanifest.m3u8: %d media playlists, %d segments listed%s%n",
                base, playlists.size(), segments, problems.isEmpty() ? ", every playlist ended, every segment served" : "");
        return problems;
    }

    /** The URI lines of a playlist (every line that is not blank and not a tag). */
    private static List<String> uris(String playlist) {
        return playlist.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
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
