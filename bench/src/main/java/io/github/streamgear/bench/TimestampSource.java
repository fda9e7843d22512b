package io.github.streamgear.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A live camera stand-in for the live benchmark: FFmpeg serving SRT in listener mode (as the component tests'
 * {@code SourceServer} does), started again whenever it exits (a listener serves one caller, and the component first
 * probes the source, then connects again). Every frame carries the wall-clock time it was made, as a barcode
 * ({@link #BITS} bits of epoch milliseconds, and the same bits inverted below them as a check) in the top ninth of
 * the picture, read back by {@link Barcode}.
 *
 * <p>Why a barcode of the wall clock rather than text or a frame number: the source FFmpeg stamps the frame as it
 * enters its filter graph ({@code setpts=RTCTIME}: with {@code -re} that is when the frame is "captured"), so the stamp
 * survives everything after it (the probe connection, a restarted listener, the ingest's and transcoder's timestamp
 * rewriting, re-encoding and scaling) and needs no "t0" guessed from when a process started. Black and white blocks a
 * twentieth of the width wide read back without error after lossy encoding; OCR of drawtext would not be that robust.
 * 20 bits of milliseconds wrap after 17 minutes: the full time is recovered as the latest instant with those bits before
 * the moment the segment was listed.
 */
final class TimestampSource implements AutoCloseable {

    static final int BITS = 20;
    static final int FPS = 30;

    private final List<String> argv;
    private final Path log;
    private final Thread keeper;
    private volatile boolean closed;
    private volatile Process process;

    private TimestampSource(List<String> argv, Path log) {
        this.argv = argv;
        this.log = log;
        keeper = new Thread(this::keep, "timestamp-source");
        keeper.setDaemon(true);
        keeper.start();
    }

    /** Serves {@code width}x{@code height} at {@link #FPS} fps (H.264 ultrafast, a keyframe a second) + AAC on SRT. */
    static TimestampSource serve(int width, int height, int port, Path log) {
        return new TimestampSource(command(width, height, port), log);
    }

    /** The source's FFmpeg command line. */
    static List<String> command(int width, int height, int port) {
        List<String> argv = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + FPS, "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-vf", filter(), "-c:v", "libx264", "-preset", "ultrafast",
                "-tune", "zerolatency", "-g", Integer.toString(FPS), "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k",
                "-f", "mpegts", "srt://127.0.0.1:" + port + "?mode=listener"));
        return argv;
    }

    /** The filter graph that burns the barcode: the frame's pts becomes the wall clock (µs), then back to N/FPS. */
    static String filter() {
        StringBuilder f = new StringBuilder("settb=AVTB,setpts=RTCTIME,drawbox=x=0:y=0:w=iw:h=ih/9:color=black:t=fill");
        for (int b = 0; b < BITS; b++) {
            String bit = "mod(floor(t*1000/" + (1L << b) + "),2)";
            f.append(",drawbox=x=iw*").append(b).append('/').append(BITS).append(":y=0:w=iw/").append(BITS)
                    .append(":h=ih/18:color=white:t=fill:enable='").append(bit).append('\'');
            f.append(",drawbox=x=iw*").append(b).append('/').append(BITS).append(":y=ih/18:w=iw/").append(BITS)
                    .append(":h=ih/18:color=white:t=fill:enable='1-").append(bit).append('\'');
        }
        return f.append(",settb=1/").append(FPS).append(",setpts=N").toString();
    }

    private void keep() {
        while (!closed) {
            try {
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
    }

    @Override
    public void close() throws Exception {
        closed = true;
        keeper.interrupt();
        keeper.join(5000);
        Process p = process;
        if (p != null) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Reads the barcodes of a decoded segment back. */
    static final class Barcode {

        private Barcode() {
        }

        /**
         * The wall-clock capture time (epoch ms) of every frame of {@code init + segment} (rendition
         * {@code width}x{@code height}), each recovered as the latest instant before {@code notAfter} whose low
         * {@link #BITS} bits match; {@code -1} for a frame whose barcode fails its check.
         */
        static long[] read(Path init, Path segment, int width, int height, long notAfter, Path scratch) throws Exception {
            Path joined = scratch.resolve("decode.mp4");
            try (var out = java.nio.file.Files.newOutputStream(joined)) {
                java.nio.file.Files.copy(init, out);
                java.nio.file.Files.copy(segment, out);
            }
            int stripe = height / 9;
            Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-i",
                    joined.toString(), "-an", "-vf", "crop=" + width + ":" + stripe + ":0:0", "-f", "rawvideo", "-pix_fmt",
                    "gray", "pipe:1").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] raw = p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("Cannot decode " + segment);
            }
            int frameBytes = width * stripe;
            long[] times = new long[raw.length / frameBytes];
            for (int i = 0; i < times.length; i++) {
                times[i] = decode(raw, i * frameBytes, width, stripe, notAfter);
            }
            return times;
        }

        private static long decode(byte[] raw, int offset, int width, int stripe, long notAfter) {
            long value = 0;
            for (int b = 0; b < BITS; b++) {
                int x = (int) ((b + 0.5) * width / BITS);
                boolean set = mean(raw, offset, width, x, stripe / 4) > 128;
                boolean inverted = mean(raw, offset, width, x, stripe * 3 / 4) > 128;
                if (set == inverted) {
                    return -1;
                }
                if (set) {
                    value |= 1L << b;
                }
            }
            long modulus = 1L << BITS;
            return notAfter - Math.floorMod(notAfter - value, modulus);
        }

        /** Mean of the 3x3 pixels around (x, y): one stray pixel of the encoder does not flip a bit. */
        private static double mean(byte[] raw, int offset, int width, int x, int y) {
            int sum = 0;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    sum += raw[offset + (y + dy) * width + x + dx] & 0xff;
                }
            }
            return sum / 9.0;
        }
    }
}
