package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Says when a failure is a full disk, which FFmpeg reports only sometimes ("No space left on device"). */
public final class DiskSpace {

    /** Less than this free next to a failed output means the disk filled up. */
    private static final long NEARLY_FULL = 1024 * 1024;

    private DiskSpace() {
    }

    /**
     * A sentence for the failure message when the disk holding {@code dir} is full (or FFmpeg said so), else empty. Ask
     * before the failed output is removed, which frees the space again.
     */
    public static String fullDiskHint(Path dir, List<String> processLog) {
        boolean said = processLog.stream().anyMatch(l -> l.contains("No space left on device"));
        long free = usableSpace(dir);
        if (!said && (free < 0 || free >= NEARLY_FULL)) {
            return "";
        }
        return String.format(Locale.ROOT, " No space left on the disk that holds %s (%s free).", dir,
                free < 0 ? "unknown" : free / 1024 + " KiB");
    }

    private static long usableSpace(Path dir) {
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? -1 : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }
}
