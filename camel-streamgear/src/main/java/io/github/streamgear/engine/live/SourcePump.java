package io.github.streamgear.engine.live;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where an ingest FFmpeg's stdout goes: the transcoding FFmpeg's stdin, which outlives every ingest. Bytes are passed
 * on as they come (the pipe's own buffer is all there is), and their arrival is timed so that a source that stalls is
 * noticed. Closing it does not close the transcoder's stdin: the process runner closes it when an ingest ends.
 */
final class SourcePump extends OutputStream {

    private final OutputStream transcoder;
    private volatile long lastBytesAt = System.nanoTime();
    private volatile long bytes;
    private volatile boolean broken;

    SourcePump(OutputStream transcoder) {
        this.transcoder = transcoder;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (broken || len == 0) {
            return;
        }
        try {
            transcoder.write(b, off, len);
            transcoder.flush();
        } catch (IOException e) {
            // the transcoder stopped reading (it was stopped, or it failed): what the ingest still sends is dropped, so
            // that the ingest never blocks on a full pipe and can be reaped
            broken = true;
            return;
        }
        bytes += len;
        lastBytesAt = System.nanoTime();
    }

    @Override
    public void flush() {
        // every write is flushed
    }

    @Override
    public void close() {
        // the transcoder's stdin stays open for the next ingest; see endOfInput()
    }

    /** Tells the transcoder that the source has ended: it finalises the stream. */
    void endOfInput() {
        broken = true;
        try {
            transcoder.close();
        } catch (IOException e) {
            // it has ended already
        }
    }

    long bytes() {
        return bytes;
    }

    /** Nanoseconds since bytes last came through (or since {@link #restartClock()}). */
    long quietNanos() {
        return System.nanoTime() - lastBytesAt;
    }

    /** A new ingest starts: its silence is timed from now. */
    void restartClock() {
        lastBytesAt = System.nanoTime();
    }
}
