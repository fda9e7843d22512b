package io.github.streamgear.engine.tracks;

/**
 * An audio track as it is published: encoded once, shared by every video rendition, one DASH adaptation set and one
 * HLS {@code EXT-X-MEDIA} of the audio group.
 *
 * @param name        the rendition name in file names and headers: {@code audio} for the first track (as before there
 *                    were several), {@code audio_fr} or {@code audio_2} for the others
 * @param input       the FFmpeg stream it is taken from, e.g. {@code 0:2} or {@code 1:a:0}
 * @param language    RFC 5646 tag, null if unknown
 * @param label       what a player shows in its track menu: the stream's title, else the language's own name
 * @param channels    channels of the encoded audio, 0 if unknown
 * @param role        DASH role: {@code main}, {@code alternate}, {@code commentary} or {@code description}
 * @param isDefault   the track players start with
 * @param downmix     the source has more channels than are kept (7.1 becomes 5.1)
 */
public record AudioRendition(String name, String input, String language, String label, int channels, String role,
        boolean isDefault, boolean downmix) {

    /** HLS {@code AUTOSELECT}: a commentary is never picked for a viewer by language alone. */
    public boolean autoselect() {
        return !"commentary".equals(role);
    }
}
