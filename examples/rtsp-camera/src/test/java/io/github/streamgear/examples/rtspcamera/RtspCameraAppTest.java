package io.github.streamgear.examples.rtspcamera;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example as a user runs it, in its own JVM: the password-protected camera stand-in, the embedded origin, 1 s of
 * stream after the first segment, the route stopped; it exits 0 only if the origin serves the ended stream (every
 * media playlist with #EXT-X-ENDLIST, every listed segment served), and no line it printed holds the password.
 */
class RtspCameraAppTest {

    private static final String PASSWORD = "Cam3raPw" + Long.toHexString(System.nanoTime());

    @TempDir
    Path dir;

    @Test
    void theCameraReachesTheOriginAsAnEndedStreamWithItsPasswordMasked() throws Exception {
        Assumptions.assumeTrue(standInAvailable(), "no GStreamer RTSP server: install Debian's gir1.2-gst-rtsp-server-1.0"
                + " gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly python3-gi (bin/setup-test-env does)");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = dir.resolve("app.log");
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath, "-Dseconds=1", "-DoriginPort=0", "-DstandInPassword=" + PASSWORD, "-Dwork=" + dir.resolve("work"),
                "-DstandIn=" + Path.of("camera/rtsp-server.py").toAbsolutePath(), RtspCameraApp.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!app.waitFor(90, TimeUnit.SECONDS)) {
            app.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        assertEquals(0, app.exitValue(), output);
        assertTrue(output.contains("every playlist ended, every segment served"), output);
        assertTrue(output.contains("PUT cam1/stream_180p.m3u8"), "the media playlist is published: " + output);
        assertTrue(output.contains("rtsp://viewer:xxxxxx@127.0.0.1:"), "the camera is logged, masked: " + output);
        assertFalse(output.contains(PASSWORD), "no line holds the camera's password: " + output);
        assertEquals(List.of(), ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(PASSWORD))
                .map(p -> p.info().commandLine().orElse("")).toList(), "no camera stand-in is left running");
    }

    /** The app's final check fails a stream that is not ended, or that lists a segment the origin does not serve. */
    @Test
    void theCheckFailsAnOriginWithoutTheEndedStream() throws Exception {
        Map<String, String> files = Map.of(
                "/cam1/manifest.m3u8", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=200000\nstream_180p.m3u8\n"
                        + "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"audio\",URI=\"stream_audio.m3u8\"\n",
                "/cam1/stream_180p.m3u8", "#EXTM3U\n#EXTINF:2,\nstream_180p_00001.ts\n#EXTINF:2,\n"
                        + "stream_180p_00002.ts\n#EXT-X-ENDLIST\n", // 00002 is not there
                "/cam1/stream_180p_00001.ts", "x",
                "/cam1/stream_audio.m3u8", "#EXTM3U\n#EXTINF:2,\nstream_audio_00001.ts\n"); // live: no ENDLIST
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = files.get(exchange.getRequestURI().getPath());
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, "HEAD".equals(exchange.getRequestMethod())
                    || bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write("HEAD".equals(exchange.getRequestMethod()) ? new byte[0] : bytes);
            exchange.close();
        });
        server.start();
        try {
            List<String> problems = new ArrayList<>(RtspCameraApp.checkEnded("http://127.0.0.1:"
                    + server.getAddress().getPort() + "/cam1/"));
            assertEquals(List.of("stream_180p.m3u8 lists stream_180p_00002.ts: HTTP 404",
                    "stream_audio.m3u8: HTTP 200, not ended (no #EXT-X-ENDLIST)"), problems);
        } finally {
            server.stop(0);
        }
    }

    private static boolean standInAvailable() {
        try {
            Process check = new ProcessBuilder("/usr/bin/python3", "-c", "import gi; gi.require_version('GstRtspServer',"
                    + " '1.0'); from gi.repository import Gst, GstRtspServer; Gst.init(None);"
                    + " import sys; sys.exit(0 if Gst.ElementFactory.find('x264enc') and"
                    + " Gst.ElementFactory.find('rtph264pay') else 1)").redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            return check.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
