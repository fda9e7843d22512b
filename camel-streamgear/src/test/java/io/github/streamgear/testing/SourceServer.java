package io.github.streamgear.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A live source served by an FFmpeg process on 127.0.0.1 (SRT in listener mode, RTMP with {@code -listen 1}, UDP
 * MPEG-TS, a live HLS folder), started again whenever it exits: a listener serves one caller, and the component first
 * probes the source, then connects again with FFmpeg. Its command line holds {@code testsrc2}, which tells it apart
 * from the component's FFmpeg processes ({@link #componentFfmpeg()}).
 */
public final class SourceServer implements AutoCloseable {

    /** 320x180 at 25 fps with a 440 Hz tone, H.264 (a keyframe a second) and AAC, played in real time. */
    public static final String GENERATOR = "-re -f lavfi -i testsrc2=size=320x180:rate=25 -f lavfi -i"
            + " sine=frequency=440:sample_rate=48000 -c:v libx264 -preset ultrafast -tune zerolatency -g 25"
            + " -pix_fmt yuv420p -c:a aac -b:a 64k";

    private volatile boolean closed;
    private volatile long downUntil;
    private volatile Process process;
    private final Thread keeper;

    /** Serves {@code GENERATOR + " " + output} (space-separated FFmpeg arguments), logging to {@code log}. */
    public static SourceServer serve(String output, Path log) {
        return serve(GENERATOR, output, log);
    }

    /**
     * Serves {@code generator + " " + output}: {@code generator} is a variant of {@link #GENERATOR} (it must read
     * {@code testsrc2}, which tells the server apart from the component's processes).
     */
    public static SourceServer serve(String generator, String output, Path log) {
        if (!generator.contains("testsrc2")) {
            throw new IllegalArgumentException("a source server's generator reads testsrc2: " + generator);
        }
        List<String> argv = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin"));
        argv.addAll(List.of((generator + " " + output).split(" ")));
        return new SourceServer(argv, log);
    }

    private SourceServer(List<String> argv, Path log) {
        keeper = new Thread(() -> {
            while (!closed) {
                try {
                    while (System.currentTimeMillis() < downUntil && !closed) {
                        Thread.sleep(50);
                    }
                    Process started = new ProcessBuilder(argv).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                    process = started;
                    if (closed) { // closed while it started: close() may have missed it
                        started.destroy();
                        return;
                    }
                    started.waitFor();
                    Thread.sleep(100);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "source-server");
        keeper.setDaemon(true);
        keeper.start();
    }

    /** FFmpeg and ffprobe processes of this JVM that are not source servers. */
    public static List<String> componentFfmpeg() {
        return Processes.leftoverFfmpeg().stream().filter(c -> !c.contains("testsrc2")).toList();
    }

    /**
     * The processes of {@link #componentFfmpeg()} of one test case among others that run at the same time: see
     * {@link Processes#leftoverFfmpeg(Path, String...)}.
     */
    public static List<String> componentFfmpeg(Path dir, String... tokens) {
        return Processes.leftoverFfmpeg(dir, tokens).stream().filter(c -> !c.contains("testsrc2")).toList();
    }

    /**
     * Takes the source down (its FFmpeg is killed, as a camera that loses power) for {@code millis}; then it serves
     * again. Returns at once.
     */
    public void downFor(long millis) {
        downUntil = System.currentTimeMillis() + millis;
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        keeper.interrupt();
        keeper.join(5000);
        Process p = process; // the last one started, after the keeper ended
        if (p != null) {
            p.destroy();
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
