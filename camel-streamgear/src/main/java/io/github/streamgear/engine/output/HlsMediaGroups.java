package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.engine.tracks.AudioRendition;
import io.github.streamgear.engine.tracks.SubtitleRendition;
import io.github.streamgear.engine.tracks.TrackPlan;

/**
 * Describes the audio and subtitle renditions of an HLS master playlist as a player's track menu needs them. FFmpeg
 * names its audio renditions {@code audio_1} or {@code audio_3}, without {@code CHANNELS} and, for CMAF, without
 * {@code LANGUAGE}; its muxers write no subtitle group. Each audio {@code EXT-X-MEDIA} is rewritten from the track
 * plan ({@code NAME} the track's title or its language's own name, {@code LANGUAGE}, {@code CHANNELS},
 * {@code DEFAULT}/{@code AUTOSELECT} from the source's dispositions) and a {@code SUBTITLES} group is added, with every
 * variant referring to it and {@code wvtt} among its {@code CODECS}.
 */
public final class HlsMediaGroups {

    public static final String SUBTITLE_GROUP = "subs";
    private static final Pattern URI = Pattern.compile("URI=\"([^\"]*)\"");
    private static final Pattern GROUP = Pattern.compile("GROUP-ID=\"([^\"]*)\"");
    private static final Pattern CODECS = Pattern.compile("CODECS=\"([^\"]*)\"");
    private static final String STREAM_INF = "#EXT-X-STREAM-INF:";

    private HlsMediaGroups() {
    }

    /**
     * Rewrites {@code master} in place (atomically) when the description changes it.
     *
     * @return whether the file was rewritten
     */
    public static boolean apply(Path master, OutputLayout layout, TrackPlan tracks) {
        try {
            List<String> lines = Files.readAllLines(master, StandardCharsets.UTF_8);
            List<String> fixed = describe(lines, layout, tracks);
            if (fixed.equals(lines)) {
                return false;
            }
            ReplaceAtomically.write(master, String.join("\n", fixed) + "\n");
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not describe the tracks of HLS master playlist " + master, e);
        }
    }

    static List<String> describe(List<String> lines, OutputLayout layout, TrackPlan tracks) {
        Map<String, AudioRendition> audioByUri = new HashMap<>();
        for (int i = 0; i < tracks.audio().size(); i++) {
            AudioRendition a = tracks.audio().get(i);
            audioByUri.put(layout.format().writesDash() ? "media_" + layout.audioRepresentation(i) + ".m3u8"
                    : "stream_" + a.name() + ".m3u8", a);
        }
        List<String> out = new ArrayList<>();
        int lastMedia = -1;
        for (String line : lines) {
            if (line.startsWith("#EXT-X-MEDIA:") && line.contains("TYPE=AUDIO")) {
                Matcher uri = URI.matcher(line);
                Matcher group = GROUP.matcher(line);
                AudioRendition a = uri.find() ? audioByUri.get(uri.group(1)) : null;
                if (a != null && group.find()) {
                    line = audio(group.group(1), a, uri.group(1));
                }
                out.add(line);
                lastMedia = out.size() - 1;
            } else if (line.startsWith(STREAM_INF) && !tracks.subtitles().isEmpty()) {
                out.add(withSubtitles(line));
            } else {
                out.add(line);
                if (line.startsWith("#EXT-X-MEDIA:")) {
                    lastMedia = out.size() - 1;
                }
            }
        }
        if (!tracks.subtitles().isEmpty()) {
            int at = lastMedia >= 0 ? lastMedia + 1 : firstStreamInf(out);
            List<String> media = new ArrayList<>();
            tracks.subtitles().forEach(s -> media.add(subtitles(s)));
            out.addAll(at, media);
        }
        return out;
    }

    private static String audio(String group, AudioRendition a, String uri) {
        StringBuilder line = new StringBuilder("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"").append(group).append("\",NAME=\"")
                .append(quoted(a.label())).append('"');
        if (a.language() != null) {
            line.append(",LANGUAGE=\"").append(a.language()).append('"');
        }
        line.append(",DEFAULT=").append(a.isDefault() ? "YES" : "NO");
        line.append(",AUTOSELECT=").append(a.isDefault() || a.autoselect() ? "YES" : "NO");
        if ("description".equals(a.role())) {
            line.append(",CHARACTERISTICS=\"public.accessibility.describes-video\"");
        }
        if (a.channels() > 0) {
            line.append(",CHANNELS=\"").append(a.channels()).append('"');
        }
        return line.append(",URI=\"").append(uri).append('"').toString();
    }

    private static String subtitles(SubtitleRendition s) {
        StringBuilder line = new StringBuilder("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"").append(SUBTITLE_GROUP)
                .append("\",NAME=\"").append(quoted(s.label())).append('"');
        if (s.language() != null) {
            line.append(",LANGUAGE=\"").append(s.language()).append('"');
        }
        line.append(",DEFAULT=").append(s.isDefault() ? "YES" : "NO");
        // forced subtitles are shown by the player on its own when the audio's language matches: never picked by menu
        line.append(",AUTOSELECT=").append(s.isDefault() || !s.forced() ? "YES" : "NO");
        line.append(",FORCED=").append(s.forced() ? "YES" : "NO");
        return line.append(",URI=\"").append(OutputLayout.subtitlePlaylist(s.name())).append('"').toString();
    }

    private static String withSubtitles(String streamInf) {
        if (streamInf.contains("SUBTITLES=")) {
            return streamInf;
        }
        String line = streamInf;
        Matcher codecs = CODECS.matcher(line);
        if (codecs.find() && !codecs.group(1).contains("wvtt")) {
            line = line.substring(0, codecs.end(1)) + ",wvtt" + line.substring(codecs.end(1));
        }
        return line + ",SUBTITLES=\"" + SUBTITLE_GROUP + "\"";
    }

    private static int firstStreamInf(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(STREAM_INF)) {
                return i;
            }
        }
        return lines.size();
    }

    /** A quoted-string may not hold a double quote or a line break (RFC 8216 section 4.2). */
    private static String quoted(String value) {
        return value.replace('"', '\'').replace('\n', ' ').replace('\r', ' ');
    }
}
