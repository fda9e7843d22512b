package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Corrects the HLS master playlist FFmpeg writes. When audio is a separate rendition group, FFmpeg also lists the audio
 * playlist as a variant stream of its own; a player may then switch to it and show no picture. That variant is
 * removed when the playlist has video variants; the audio stays available through its {@code EXT-X-MEDIA} group.
 */
public final class HlsMasterPlaylist {

    private static final Pattern CODECS = Pattern.compile("CODECS=\"([^\"]*)\"");
    private static final String STREAM_INF = "#EXT-X-STREAM-INF:";

    private HlsMasterPlaylist() {
    }

    /** Rewrites {@code master} in place (atomically) if it lists an audio-only variant beside video ones. */
    public static void dropAudioOnlyVariants(Path master) {
        try {
            List<String> lines = Files.readAllLines(master, StandardCharsets.UTF_8);
            List<String> fixed = withoutAudioOnlyVariants(lines);
            if (fixed.size() != lines.size()) {
                Path tmp = master.resolveSibling("." + master.getFileName() + ".tmp");
                Files.write(tmp, fixed, StandardCharsets.UTF_8);
                Files.move(tmp, master, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not rewrite HLS master playlist " + master, e);
        }
    }

    static List<String> withoutAudioOnlyVariants(List<String> lines) {
        boolean anyVideo = lines.stream().anyMatch(l -> l.startsWith(STREAM_INF) && hasVideoCodec(l));
        if (!anyVideo) {
            return lines;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(STREAM_INF) && !hasVideoCodec(line)) {
                i++; // skip the variant's URI line
                if (i + 1 < lines.size() && lines.get(i + 1).isBlank()) {
                    i++;
                }
                continue;
            }
            out.add(line);
        }
        return out;
    }

    private static boolean hasVideoCodec(String streamInf) {
        if (streamInf.contains("RESOLUTION=")) {
            return true;
        }
        Matcher m = CODECS.matcher(streamInf);
        if (!m.find()) {
            return true; // without CODECS nothing says it is audio-only: keep it
        }
        for (String codec : m.group(1).split(",")) {
            String c = codec.trim();
            if (!c.startsWith("mp4a") && !c.startsWith("ac-3") && !c.startsWith("ec-3") && !c.startsWith("opus")
                    && !c.startsWith("fLaC") && !c.startsWith("mp3")) {
                return true;
            }
        }
        return false;
    }
}
