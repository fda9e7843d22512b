package io.github.streamgear.engine.ladder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the requested renditions into the ladder that is encoded:
 * <ul>
 * <li>the primary rendition is always the source's own display size (even dimensions);</li>
 * <li>each extra rendition is fitted inside its requested box keeping the source's aspect ratio, with even
 * dimensions;</li>
 * <li>a rendition that would be larger than the source (upscaling) or the same size as one already planned is
 * dropped with a warning;</li>
 * <li>a missing bitrate is estimated as {@code width * height * fps * bpp / 1000} kbit/s.</li>
 * </ul>
 */
public final class LadderPlanner {

    private final double bitsPerPixel;

    /** @param bitsPerPixel option {@code bpp}, greater than 0 ({@code Encoding} checks it) */
    public LadderPlanner(double bitsPerPixel) {
        this.bitsPerPixel = bitsPerPixel;
    }

    /**
     * @param sourceWidth  display width of the source (after rotation)
     * @param sourceHeight display height of the source
     * @param fps          source frame rate, for the bitrate estimate (the primary rendition's is always estimated)
     * @param extras       the extra renditions asked for, in the user's order
     */
    public Ladder plan(int sourceWidth, int sourceHeight, double fps, List<Rendition> extras) {
        List<PlannedRendition> planned = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> sizes = new HashSet<>();

        int pw = evenFloor(sourceWidth);
        int ph = evenFloor(sourceHeight);
        planned.add(new PlannedRendition(0, uniqueName(pw, ph, names), pw, ph, estimateKbps(pw, ph, fps)));
        sizes.add(pw + "x" + ph);

        for (Rendition wanted : extras) {
            double scale = Math.min((double) wanted.width() / sourceWidth, (double) wanted.height() / sourceHeight);
            int w = even(sourceWidth * scale);
            int h = even(sourceHeight * scale);
            if (w > pw || h > ph) {
                warnings.add(String.format(Locale.ROOT,
                        "Rendition %s dropped: it is larger than the %dx%d source and would be upscaled", wanted, sourceWidth,
                        sourceHeight));
                continue;
            }
            if (!sizes.add(w + "x" + h)) {
                warnings.add(String.format(Locale.ROOT, "Rendition %s dropped: a %dx%d rendition is already in the ladder",
                        wanted, w, h));
                continue;
            }
            if (Math.abs(w - wanted.width()) > 2 || Math.abs(h - wanted.height()) > 2) {
                warnings.add(String.format(Locale.ROOT,
                        "Rendition %s encoded as %dx%d to keep the source's aspect ratio", wanted, w, h));
            }
            int kbps = wanted.hasBitrate() ? wanted.bitrateKbps() : estimateKbps(w, h, fps);
            planned.add(new PlannedRendition(planned.size(), uniqueName(w, h, names), w, h, kbps));
        }
        return new Ladder(planned, warnings);
    }

    /** StreamGear's estimate: {@code round(width * height * fps * bpp / 1000)} kbit/s, at least 1. */
    public int estimateKbps(int width, int height, double fps) {
        return (int) Math.max(1, Math.round(width * (double) height * fps * bitsPerPixel / 1000.0));
    }

    /** Rounds to the nearest even number, at least 2: H.264 with 4:2:0 chroma needs even dimensions. */
    static int even(double value) {
        return (int) Math.max(2, 2 * Math.round(value / 2.0));
    }

    /** Rounds down to an even number, at least 2: the primary rendition never grows beyond the source. */
    static int evenFloor(int value) {
        return Math.max(2, value - (value % 2));
    }

    private static String uniqueName(int w, int h, Set<String> taken) {
        String base = Math.min(w, h) + "p";
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }
}
