package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the files a job wrote in its folder. A snapshot taken before FFmpeg starts tells this run's files from those
 * a previous run left, so the reply lists only what this run produced and a failed run can remove exactly its own
 * files.
 */
public final class OutputCollector {

    /** Anything any layout writes, for {@code clearPrevAssets}, whatever format the previous run used. */
    private static final Pattern ANY_ASSET = Pattern.compile(
            ".*\\.(mpd|m3u8)|init-\\d+\\.m4s|chunk-\\d+-\\d+\\.m4s|stream_.+_\\d+\\.(ts|m4s)|init(_\\d+)?\\.mp4|subtitles_.+\\.vtt|\\..*\\.tmp|"
            + ThumbnailNames.ANY);

    /** A file listed but unreadable (deleted meanwhile): never equal to a stamp, so it counts as changed. */
    private static final String GONE = "gone";

    private static final Comparator<OutputFile> PUBLICATION_ORDER = Comparator.comparing(OutputFile::kind)
            .thenComparing(f -> f.rendition() == null ? "" : f.rendition())
            .thenComparingLong(OutputFile::sequence)
            .thenComparing(f -> f.name().endsWith(".m3u8") ? 1 : 0)
            .thenComparing(OutputFile::name);

    private OutputCollector() {
    }

    /** File name to "size and modification time" of every file in the folder now; empty if it does not exist. */
    public static Map<String, String> snapshot(Path jobDir) {
        Map<String, String> state = new HashMap<>();
        for (Path file : files(jobDir)) {
            state.put(file.getFileName().toString(), stamp(file));
        }
        return state;
    }

    /**
     * The output files written or rewritten since {@code before}, in publication order: init segments, media segments,
     * media playlists, then the manifests a player opens.
     */
    public static List<OutputFile> collect(Path jobDir, OutputLayout layout, Map<String, String> before) {
        List<OutputFile> produced = new ArrayList<>();
        for (Path file : files(jobDir)) {
            String name = file.getFileName().toString();
            BasicFileAttributes a = FileStamp.attributes(file);
            if ((a == null ? GONE : FileStamp.of(a)).equals(before.get(name))) {
                continue;
            }
            long size = a == null ? -1 : a.size();
            layout.classify(name).ifPresent(c -> produced.add(new OutputFile(file, name, c.kind(),
                    OutputLayout.contentType(name, c.kind()), c.rendition(), c.sequence(), size)));
        }
        produced.sort(PUBLICATION_ORDER);
        return produced;
    }

    /** Deletes what a failed run wrote (files new or changed since {@code before}), and the folder if it is left empty. */
    public static void removeRunOutput(Path jobDir, Map<String, String> before, boolean folderWasCreated) {
        for (Path file : files(jobDir)) {
            if (!stamp(file).equals(before.get(file.getFileName().toString()))) {
                deleteQuietly(file);
            }
        }
        if (folderWasCreated) {
            try (Stream<Path> left = Files.list(jobDir)) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(jobDir);
                }
            } catch (IOException ignored) {
                // nothing more to clean
            }
        }
    }

    /** Deletes the streaming assets of any earlier run (of any format) from the folder; other files stay. */
    public static int clearPreviousAssets(Path jobDir) {
        int deleted = 0;
        for (Path file : files(jobDir)) {
            if (ANY_ASSET.matcher(file.getFileName().toString()).matches() && deleteQuietly(file)) {
                deleted++;
            }
        }
        return deleted;
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list output folder " + dir, e);
        }
    }

    private static String stamp(Path file) {
        return Objects.requireNonNullElse(FileStamp.of(file), GONE);
    }

    private static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }
}
