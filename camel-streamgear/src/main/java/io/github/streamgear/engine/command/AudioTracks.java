package io.github.streamgear.engine.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.streamgear.engine.settings.Encoding;
import io.github.streamgear.engine.tracks.AudioRendition;

/**
 * The audio tracks of the output, each encoded once and shared by every video rendition: a DASH audio adaptation set
 * and an HLS {@code EXT-X-MEDIA} of the audio group per track. The option {@code audioBitrate} is for stereo (and
 * mono); a 5.1 track gets the same rate per channel pair, as AAC needs.
 */
public record AudioTracks(List<AudioRendition> renditions, boolean copy) {

    public AudioTracks {
        renditions = List.copyOf(renditions);
    }

    /** Tracks that are encoded. */
    public AudioTracks(List<AudioRendition> renditions) {
        this(renditions, false);
    }

    public boolean isEmpty() {
        return renditions.isEmpty();
    }

    public int size() {
        return renditions.size();
    }

    List<String> maps() {
        List<String> args = new ArrayList<>();
        renditions.forEach(r -> args.addAll(List.of("-map", r.input())));
        return args;
    }

    List<String> encoding(Encoding e) {
        return encoding(e, false);
    }

    /**
     * @param mp4Segments the output's segments are MP4 (DASH, CMAF, HLS with fMP4 segments): a copied track needs the
     *                    MP4 sample entry named, as the source's tag is its container's (MPEG-TS gives 0x0f)
     */
    List<String> encoding(Encoding e, boolean mp4Segments) {
        if (renditions.isEmpty()) {
            return List.of();
        }
        if (copy) {
            return copied(mp4Segments);
        }
        List<String> args = new ArrayList<>(List.of("-c:a", e.audioCodec()));
        boolean one = renditions.size() == 1;
        for (int i = 0; i < renditions.size(); i++) {
            AudioRendition r = renditions.get(i);
            String spec = one ? "" : ":" + i;
            args.addAll(List.of("-b:a" + spec, bitrate(e.audioBitrate(), r.channels())));
            if (e.audioChannels() > 0) {
                if (i == 0) {
                    args.addAll(List.of("-ac", Integer.toString(e.audioChannels())));
                }
            } else if (r.downmix()) {
                args.addAll(List.of("-ac" + spec, Integer.toString(r.channels())));
            }
            if (r.language() != null) {
                args.addAll(List.of("-metadata:s:a:" + i, "language=" + r.language()));
            }
        }
        return args;
    }

    /**
     * {@code -c:a copy} ({@link AudioCopy} decided the tracks are fit), with the filter that turns ADTS (an MPEG-TS
     * source's AAC) into the raw AAC of MP4: it passes raw AAC through untouched, and the MPEG-TS muxer writes ADTS
     * headers again itself.
     */
    private List<String> copied(boolean mp4Segments) {
        List<String> args = new ArrayList<>(List.of("-c:a", "copy", "-bsf:a", "aac_adtstoasc"));
        if (mp4Segments) {
            args.addAll(List.of("-tag:a", "mp4a"));
        }
        for (int i = 0; i < renditions.size(); i++) {
            if (renditions.get(i).language() != null) {
                args.addAll(List.of("-metadata:s:a:" + i, "language=" + renditions.get(i).language()));
            }
        }
        return args;
    }

    /** {@code 128k} for stereo becomes {@code 384k} for 5.1; a value that is not a plain number is left to FFmpeg. */
    static String bitrate(String stereo, int channels) {
        if (channels <= 2) {
            return stereo;
        }
        String v = stereo.trim().toLowerCase(Locale.ROOT);
        long factor = 1;
        if (v.endsWith("k")) {
            factor = 1000;
            v = v.substring(0, v.length() - 1);
        }
        try {
            long bps = Math.round(Double.parseDouble(v) * factor * channels / 2.0);
            return bps % 1000 == 0 ? (bps / 1000) + "k" : Long.toString(bps);
        } catch (NumberFormatException e) {
            return stereo;
        }
    }
}
