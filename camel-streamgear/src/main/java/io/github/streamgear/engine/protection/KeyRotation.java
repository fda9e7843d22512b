package io.github.streamgear.engine.protection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.streamgear.engine.Credentials;
import io.github.streamgear.engine.settings.Encryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key rotation of an HLS AES-128 job (option {@code keyRotationSegments}): watches how many segments FFmpeg has written
 * (its media playlists: media sequence + segments listed) and, when the next period is due, gets a new key from the
 * provider and rewrites the key info file ({@link KeyFolder#rotate}). FFmpeg ({@code -hls_flags periodic_rekey}) reads
 * it when it starts a segment, and writes an {@code EXT-X-KEY} with the new URI and IV before the first segment it
 * encrypts with it. The component cannot hold FFmpeg at a segment boundary, so a new key is written one segment ahead
 * (when period p's first segment is the next but one) and still takes effect a segment or more late when FFmpeg runs
 * ahead of the polling (a VOD job faster than real time). The playlist always names the key FFmpeg used.
 */
final class KeyRotation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);
    private static final long POLL_MS = 50;
    private static final Pattern SEGMENT = Pattern.compile("stream_.+_(\\d+)\\.ts");
    private static final Pattern SEQUENCE = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)");

    private final String jobId;
    private final Encryption encryption;
    private final int every;
    private final KeyProvider provider;
    private final Function<ContentKey, String> uri;
    private final KeyFolder folder;
    private final List<ContentKey> keys;
    private final Path jobDir;
    private final String master;
    private volatile boolean stopped;
    private Thread poller;
    private long failedAt = -1;

    KeyRotation(String jobId, Encryption encryption, int every, KeyProvider provider, Function<ContentKey, String> uri,
            KeyFolder folder, List<ContentKey> keys, Path jobDir, String master) {
        this.jobId = jobId;
        this.encryption = encryption;
        this.every = every;
        this.provider = provider;
        this.uri = uri;
        this.folder = folder;
        this.keys = keys;
        this.jobDir = jobDir;
        this.master = master;
    }

    void start() {
        poller = new Thread(this::poll, "streamgear-keys-" + jobId);
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (!stopped) {
            try {
                check(segmentsWritten());
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Job {}: key rotation check failed ({}); tried again", jobId, e.getClass().getName());
            }
        }
    }

    /** Rotates when period p is due: its first segment (p x every) is the one after the segment FFmpeg is writing. */
    void check(long written) {
        int period = keys.size();
        if (written < (long) period * every - 1 || written == failedAt) {
            return;
        }
        ContentKey key;
        try {
            key = provider.contentKey(new KeyRequest(jobId, encryption, period));
            if (key == null) {
                throw new IllegalStateException("no key");
            }
            String keyUri = key.keyUri() != null ? key.keyUri() : uri.apply(key);
            if (keyUri == null) {
                throw new IllegalStateException("no key URI");
            }
            key = key.withKeyUri(keyUri);
            folder.rotate(period, key, key.keyUri());
        } catch (Exception e) {
            // the provider's message is not repeated: it might hold what it was given or fetched
            failedAt = written;
            LOG.warn("Job {}: the key provider {} gave no new key for key period {} ({}); the current key stays in use,"
                    + " asked again after the next segment", jobId, provider.getClass().getName(), period,
                    e.getClass().getName());
            return;
        }
        keys.add(key);
        LOG.info("Job {}: key period {} from about segment {}: key id {}, key URI {}", jobId, period, written + 1,
                key.keyIdHex(), Credentials.mask(key.keyUri()));
    }

    /**
     * How many segments FFmpeg has completed in any rendition: the highest segment number among the completed segment
     * files ({@code stream_<rendition>_<number>.ts}, renamed into place from {@code .tmp} when complete; numbered from 0),
     * plus one, or a live media playlist's media sequence + segments listed if higher (a VOD playlist is written only
     * at the end, and live segments leave the folder with the window).
     */
    long segmentsWritten() {
        long most = 0;
        try (Stream<Path> files = Files.list(jobDir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".m3u8") && !name.equals(master)) {
                    most = Math.max(most, listed(p));
                } else {
                    Matcher m = SEGMENT.matcher(name);
                    if (m.matches()) {
                        most = Math.max(most, Long.parseLong(m.group(1)) + 1);
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return most; // not created yet, or a file went while listed
        }
        return most;
    }

    private static long listed(Path playlist) {
        String text;
        try {
            text = Files.readString(playlist, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            return 0;
        }
        Matcher m = SEQUENCE.matcher(text);
        long sequence = m.find() ? Long.parseLong(m.group(1)) : 0;
        int segments = 0;
        for (int i = text.indexOf("#EXTINF"); i >= 0; i = text.indexOf("#EXTINF", i + 1)) {
            segments++;
        }
        return sequence + segments;
    }

    @Override
    public void close() {
        stopped = true;
        Thread t = poller;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static List<ContentKey> newKeyList(ContentKey first) {
        List<ContentKey> keys = new CopyOnWriteArrayList<>();
        keys.add(first);
        return keys;
    }
}
