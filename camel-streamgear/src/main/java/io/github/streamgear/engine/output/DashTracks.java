package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.engine.tracks.AudioRendition;
import io.github.streamgear.engine.tracks.SubtitleRendition;
import io.github.streamgear.engine.tracks.TrackPlan;

/**
 * Describes the audio and text tracks of a VOD MPD as players' track menus need them (DASH-IF IOP). FFmpeg writes
 * {@code lang} as the container had it ({@code eng}, where RFC 5646 wants {@code en}), no {@code Role} and no
 * {@code Label}, and cannot carry text at all. Each audio adaptation set gets its language, a {@code Label} (the
 * track's title or its language's own name) and a {@code Role} ({@code main} for the default track, {@code alternate},
 * {@code commentary}, {@code description}); each subtitle track becomes a text adaptation set whose one representation
 * is the whole WebVTT file ({@code text/vtt}, role {@code subtitle} or {@code forced-subtitle}).
 * <p>
 * Like {@link DashManifest} and {@link ThumbnailTrack}, the edits are made in FFmpeg's text: a DOM round trip would
 * sort every attribute by name and run the inserted elements onto one line, which validates but no longer reads like
 * the MPD FFmpeg wrote (and broke a route's check that looked for {@code width="..." height="..."}).
 */
public final class DashTracks {

    static final String ROLE_SCHEME = "urn:mpeg:dash:role:2011";

    private static final Pattern ADAPTATION_SET = Pattern.compile("(?s)<AdaptationSet\\b[^>]*>.*?</AdaptationSet>");
    private static final Pattern SET_ID = Pattern.compile("<AdaptationSet\\b[^>]*\\sid=\"(\\d+)\"");
    private static final Pattern REPRESENTATION_ID = Pattern.compile("<Representation\\b[^>]*\\sid=\"([^\"]*)\"");
    private static final Pattern LANG = Pattern.compile("\\slang=\"[^\"]*\"");
    /** The first child of an adaptation set that, in the schema's order, comes after {@code Label} and {@code Role}. */
    private static final Pattern AFTER_ROLE = Pattern.compile(
            "<(?:Accessibility|Role|Rating|Viewpoint|ContentComponent|BaseURL|SegmentBase|SegmentList|SegmentTemplate"
            + "|Representation)\\b");
    private static final Pattern DURATION = Pattern.compile("mediaPresentationDuration=\"([^\"]*)\"");

    private DashTracks() {
    }

    public static void apply(Path mpd, OutputLayout layout, TrackPlan tracks) {
        if (tracks.audio().isEmpty() && tracks.subtitles().isEmpty()) {
            return;
        }
        try {
            String text = Files.readString(mpd, StandardCharsets.UTF_8);
            String described = describe(text, layout, tracks, mpd.getParent());
            if (!described.equals(text)) {
                ReplaceAtomically.write(mpd, described);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not describe the tracks of MPD " + mpd, e);
        }
    }

    static String describe(String mpd, OutputLayout layout, TrackPlan tracks, Path dir) throws IOException {
        StringBuilder out = new StringBuilder();
        Matcher set = ADAPTATION_SET.matcher(mpd);
        while (set.find()) {
            set.appendReplacement(out, Matcher.quoteReplacement(describeAudio(set.group(), layout, tracks)));
        }
        set.appendTail(out);
        return withSubtitles(out.toString(), tracks, dir);
    }

    private static String describeAudio(String set, OutputLayout layout, TrackPlan tracks) {
        int startTagEnd = set.indexOf('>') + 1;
        String startTag = set.substring(0, startTagEnd);
        Matcher representation = REPRESENTATION_ID.matcher(set);
        if (!startTag.contains("contentType=\"audio\"") || !representation.find()) {
            return set;
        }
        for (int t = 0; t < tracks.audio().size(); t++) {
            if (Integer.toString(layout.audioRepresentation(t)).equals(representation.group(1))) {
                AudioRendition a = tracks.audio().get(t);
                String body = set.substring(startTagEnd);
                return withLanguage(startTag, a.language()) + withLabelAndRole(body, a.label(), a.role());
            }
        }
        return set;
    }

    private static String withLanguage(String startTag, String language) {
        String without = LANG.matcher(startTag).replaceAll("");
        if (language == null) {
            return without;
        }
        int close = without.endsWith("/>") ? without.length() - 2 : without.length() - 1;
        return without.substring(0, close) + " lang=\"" + xml(language) + "\"" + without.substring(close);
    }

    /** {@code Label} and {@code Role} go before the set's roles, representations and templates, in the schema's order. */
    private static String withLabelAndRole(String body, String label, String role) {
        Matcher next = AFTER_ROLE.matcher(body);
        int at = next.find() ? next.start() : body.lastIndexOf("</AdaptationSet>");
        int lineStart = body.lastIndexOf('\n', at - 1) + 1;
        String indent = body.substring(lineStart, at);
        if (!indent.isBlank()) {
            lineStart = at;
            indent = "";
        }
        String elements = indent + "<Label>" + xml(label) + "</Label>\n"
                          + indent + "<Role schemeIdUri=\"" + ROLE_SCHEME + "\" value=\"" + role + "\"/>\n";
        return body.substring(0, lineStart) + elements + body.substring(lineStart);
    }

    /** A text adaptation set per subtitle track at the end of the (single) period, each naming its whole WebVTT file. */
    private static String withSubtitles(String mpd, TrackPlan tracks, Path dir) throws IOException {
        int end = mpd.lastIndexOf("</Period>");
        if (tracks.subtitles().isEmpty() || end < 0) {
            return mpd;
        }
        int id = 0;
        Matcher ids = SET_ID.matcher(mpd);
        while (ids.find()) {
            id = Math.max(id, Integer.parseInt(ids.group(1)) + 1);
        }
        double seconds = presentationSeconds(mpd);
        StringBuilder sets = new StringBuilder();
        for (SubtitleRendition s : tracks.subtitles()) {
            String file = OutputLayout.subtitleFile(s.name());
            long bytes = Files.size(dir.resolve(file));
            long bandwidth = Math.max(1, Math.round(bytes * 8 / Math.max(1, seconds)));
            sets.append("\t\t<AdaptationSet id=\"").append(id++).append("\" contentType=\"text\" mimeType=\"text/vtt\"");
            if (s.language() != null) {
                sets.append(" lang=\"").append(xml(s.language())).append('"');
            }
            sets.append(">\n")
                    .append("\t\t\t<Label>").append(xml(s.label())).append("</Label>\n")
                    .append("\t\t\t<Role schemeIdUri=\"").append(ROLE_SCHEME).append("\" value=\"")
                    .append(s.forced() ? "forced-subtitle" : "subtitle").append("\"/>\n")
                    .append("\t\t\t<Representation id=\"subtitles_").append(xml(s.name())).append("\" bandwidth=\"")
                    .append(bandwidth).append("\">\n")
                    .append("\t\t\t\t<BaseURL>").append(xml(file)).append("</BaseURL>\n")
                    .append("\t\t\t</Representation>\n")
                    .append("\t\t</AdaptationSet>\n");
        }
        int lineStart = mpd.lastIndexOf('\n', end - 1) + 1;
        int at = mpd.substring(lineStart, end).isBlank() ? lineStart : end;
        return mpd.substring(0, at) + sets + mpd.substring(at);
    }

    private static double presentationSeconds(String mpd) {
        Matcher m = DURATION.matcher(mpd);
        try {
            return m.find() ? Duration.parse(m.group(1)).toMillis() / 1000.0 : 1;
        } catch (DateTimeParseException e) {
            return 1;
        }
    }

    /** Titles come from the source's metadata: anything can be in them. */
    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
