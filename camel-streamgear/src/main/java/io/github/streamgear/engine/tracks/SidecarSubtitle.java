package io.github.streamgear.engine.tracks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A subtitle file that comes with a source instead of inside it. Named as media players expect next to a video:
 * {@code movie.de.srt} (German) or {@code movie.srt} (language unknown) beside {@code movie.mp4}; forced subtitles
 * {@code movie.fr.forced.srt}.
 *
 * @param file     the subtitle file (SubRip, WebVTT, ASS/SSA)
 * @param language its language as given or read from its name, null if unknown
 * @param forced   whether the name marks it forced
 */
public record SidecarSubtitle(Path file, String language, boolean forced) {

    private static final String EXTENSIONS = "srt|vtt|ass|ssa";
    private static final Pattern NAME = Pattern.compile("(?i)(.+?)(?:\\.([a-z]{2,3}(?:-[a-z0-9]{2,8})?))?(\\.forced)?\\.(" + EXTENSIONS + ")");

    /**
     * The side-car subtitles next to a source file: {@code BASE.srt}, {@code BASE.LANG.srt}, {@code BASE.LANG.forced.srt}
     * (and {@code .vtt}, {@code .ass}, {@code .ssa}) where BASE is the source's name without its extension. Sorted by
     * name, so that a job's tracks come in the same order every time.
     */
    public static List<SidecarSubtitle> besides(Path source) {
        Path dir = source.toAbsolutePath().getParent();
        String fileName = source.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        List<SidecarSubtitle> found = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().forEach(name -> {
                Matcher m = NAME.matcher(name);
                if (m.matches() && m.group(1).equals(base)) {
                    found.add(new SidecarSubtitle(dir.resolve(name), m.group(2), m.group(3) != null));
                }
            });
        } catch (IOException e) {
            // an unreadable folder has no side-cars to offer
        }
        return found;
    }

    /**
     * A side-car given with a job: a path whose name tells the language ({@code movie.de.srt}), or {@code LANG=PATH}
     * ({@code de=/subs/german.srt}).
     */
    public static SidecarSubtitle parse(String spec) {
        String s = spec.trim();
        int eq = s.indexOf('=');
        if (eq > 0 && s.substring(0, eq).matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?")) {
            Path file = Path.of(s.substring(eq + 1).trim());
            return new SidecarSubtitle(file, s.substring(0, eq).toLowerCase(Locale.ROOT), file.getFileName().toString()
                    .toLowerCase(Locale.ROOT).contains(".forced."));
        }
        Path file = Path.of(s);
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (m.matches()) {
            return new SidecarSubtitle(file, m.group(2), m.group(3) != null);
        }
        return new SidecarSubtitle(file, null, false);
    }
}
