package io.github.streamgear.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The RTSP camera stand-in of the live-source tests: GStreamer's RTSP server asking for a user and password
 * ({@code src/test/resources/rtsp/rtsp-server.py}: H.264 video and Opus audio over RTP).
 */
public final class RtspStandIn implements AutoCloseable {

    /** Why a test is skipped where GStreamer's RTSP server is missing. */
    public static final String MISSING = "no GStreamer RTSP server: install Debian's gir1.2-gst-rtsp-server-1.0"
            + " gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly python3-gi (bin/setup-test-env does)";

    private final Process server;

    private RtspStandIn(Process server) {
        this.server = server;
    }

    /** Whether GStreamer's RTSP server, x264enc and the RTP payloader are installed. */
    public static boolean available() {
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

    /** Starts it on {@code port} (path {@code /cam}) and waits (at most 30 s) until it says it is ready. */
    public static RtspStandIn start(int port, String user, String password, Path log) throws Exception {
        Path script = Path.of("src/test/resources/rtsp/rtsp-server.py").toAbsolutePath();
        Process server = new ProcessBuilder("/usr/bin/python3", script.toString(), String.valueOf(port), user, password)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!(Files.exists(log) && Files.readString(log).contains("ready"))) {
            if (!server.isAlive() || System.currentTimeMillis() > deadline) {
                server.destroy();
                throw new IllegalStateException("the RTSP stand-in did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return new RtspStandIn(server);
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        server.waitFor();
    }
}
