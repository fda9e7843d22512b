package io.github.streamgear.examples.rtspcamera;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The camera's stand-in: GStreamer's RTSP server ({@code camera/rtsp-server.py}, the one the component's tests use) on
 * 127.0.0.1, serving a test picture (320x180, 25 fps, H.264) and a tone (Opus) to clients that give its user and
 * password, as an IP camera does. Needs Debian's {@code gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-good
 * gstreamer1.0-plugins-ugly python3-gi}.
 */
final class StandInCamera implements AutoCloseable {

    private final Process process;
    private final String url;

    private StandInCamera(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts the script and waits until it serves (it prints "ready"). */
    static StandInCamera start(Path script, String user, String password) throws IOException, InterruptedException {
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("No camera stand-in at " + script + ": give -Dcamera=rtsp://... or -DstandIn=PATH");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // Debian's python3, where python3-gi is installed (a python3 earlier on the PATH, a venv's say, lacks it)
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process p = new ProcessBuilder(python, script.toString(), Integer.toString(port), user, password)
                .redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = out.readLine()) != null) {
                    if (line.equals("ready")) {
                        ready.complete(null);
                    } else {
                        seen.append(line).append('\n');
                    }
                }
                ready.completeExceptionally(new IllegalStateException("The camera stand-in ended: " + seen
                        + "(install gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly python3-gi)"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, "stand-in-camera");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            p.destroyForcibly();
            throw new IllegalStateException("The camera stand-in did not start: " + e.getMessage(), e);
        }
        // the JVM stopped by a signal (kill, Ctrl-C with -Dseconds=0) may not reach close(): no server left behind
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "stand-in-camera-stop"));
        return new StandInCamera(p, "rtsp://" + user + ":" + password + "@127.0.0.1:" + port + "/cam");
    }

    /** The camera's URL, with its credentials. */
    String url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
