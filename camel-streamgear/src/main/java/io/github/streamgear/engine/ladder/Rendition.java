package io.github.streamgear.engine.ladder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rendition asked for by the user: a frame size and, optionally, a video bitrate. A bitrate of 0 means "estimate it
 * from bits-per-pixel". Written as {@code WIDTHxHEIGHT[@BITRATE]}, e.g. {@code 640x360@800k} or {@code 426x240}.
 */
public record Rendition(int width, int height, int bitrateKbps) {

    private static final Pattern SPEC = Pattern.compile("(\\d+)\\s*[xX]\\s*(\\d+)(?:\\s*@\\s*(\\d+(?:\\.\\d+)?)\\s*([kKmM]?))?");

    public Rendition {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("A rendition needs a positive width and height, got " + width + "x" + height);
        }
        if (bitrateKbps < 0) {
            throw new IllegalArgumentException("A rendition bitrate cannot be negative, got " + bitrateKbps + "k");
        }
    }

    /** A rendition whose bitrate is estimated from bits-per-pixel. */
    public static Rendition of(int width, int height) {
        return new Rendition(width, height, 0);
    }

    public boolean hasBitrate() {
        return bitrateKbps > 0;
    }

    /** Parses one {@code WIDTHxHEIGHT[@BITRATE]}; the bitrate is in kbit/s, with an optional {@code k} or {@code M}. */
    public static Rendition parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "Option 'streams' has a malformed rendition '" + spec + "': expected WIDTHxHEIGHT[@BITRATE], e.g. 640x360@800k");
        }
        int kbps = 0;
        if (m.group(3) != null) {
            double value = Double.parseDouble(m.group(3));
            kbps = (int) Math.round("m".equalsIgnoreCase(m.group(4)) ? value * 1000 : value);
            if (kbps <= 0) {
                throw new IllegalArgumentException("Option 'streams' has a zero bitrate in '" + spec + "'");
            }
        }
        try {
            return new Rendition(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), kbps);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option 'streams' has an invalid rendition '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** Parses a comma-separated list such as {@code 640x360@800k,426x240}; blank gives an empty list. */
    public static List<Rendition> parseList(String specs) {
        List<Rendition> result = new ArrayList<>();
        if (specs == null || specs.isBlank()) {
            return result;
        }
        for (String spec : specs.split(",")) {
            if (!spec.isBlank()) {
                result.add(parse(spec));
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return width + "x" + height + (hasBitrate() ? String.format(Locale.ROOT, "@%dk", bitrateKbps) : "");
    }
}
