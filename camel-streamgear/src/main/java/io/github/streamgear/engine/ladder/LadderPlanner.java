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
 * <li>a missing bitrate is estimated as {@code width * height * fps * bpp / 1000} kbit/s, then fitted between the
 * explicit bitrates of the rungs around it, so that bitrates rise with the picture size: a player's ABR that climbs
 * to a larger picture must get a better one;</li>
 * <li>explicit bitrates that do not rise with the picture size are kept, with a warning that says which.</li>
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
        List<String> notes = new ArrayList<>();
        List<Boolean> explicit = new ArrayList<>(List.of(false));
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
                notes.add(String.format(Locale.ROOT, "rendition %s encoded as %dx%d to keep the source's aspect ratio",
                        wanted, w, h));
            }
            int kbps = wanted.hasBitrate() ? wanted.bitrateKbps() : estimateKbps(w, h, fps);
            planned.add(new PlannedRendition(planned.size(), uniqueName(w, h, names), w, h, kbps));
            explicit.add(wanted.hasBitrate());
        }
        return new Ladder(fitBitrates(planned, explicit, warnings, notes), warnings, notes);
    }

    /**
     * The ladder of {@code videoCodec=copy}: the source's video as it is, one rendition at its size (odd sizes too: the
     * stream is not scaled). Its bitrate is an estimate that nothing is encoded at; the manifests advertise what the
     * segments measure.
     */
    public Ladder copied(int sourceWidth, int sourceHeight, double fps, String codec) {
        String name = Math.min(sourceWidth, sourceHeight) + "p";
        return new Ladder(List.of(new PlannedRendition(0, name, sourceWidth, sourceHeight,
                estimateKbps(sourceWidth, sourceHeight, fps))), List.of(), List.of(), CopiedVideo.only(codec));
    }

    /**
     * {@code planned} with its primary rendition replaced by the source's video, copied at its own size ({@code
     * copyPrimary=auto}); the other renditions are encoded as planned.
     */
    public static Ladder withCopiedPrimary(Ladder planned, int sourceWidth, int sourceHeight, CopiedVideo copied) {
        List<PlannedRendition> renditions = new ArrayList<>(planned.renditions());
        PlannedRendition p = renditions.get(0);
        renditions.set(0, new PlannedRendition(0, p.name(), sourceWidth, sourceHeight, p.bitrateKbps()));
        return new Ladder(renditions, planned.warnings(), planned.notes(), copied);
    }

    /**
     * Orders the bitrates by picture size. An estimated rung below a smaller rung's explicit bitrate is raised to that
     * bitrate scaled by the pixel ratio to the power 0.75 (bitrate grows slower than the picture), and one above a
     * larger rung's explicit bitrate is lowered the same way; explicit bitrates are the user's and stay.
     */
    private static List<PlannedRendition> fitBitrates(List<PlannedRendition> planned, List<Boolean> explicit,
            List<String> warnings, List<String> notes) {
        List<PlannedRendition> fitted = new ArrayList<>(planned);
        for (int i = 0; i < fitted.size(); i++) {
            PlannedRendition r = fitted.get(i);
            for (int j = 0; j < fitted.size(); j++) {
                PlannedRendition other = fitted.get(j);
                if (!explicit.get(j) || pixels(other) == pixels(r)) {
                    continue;
                }
                boolean smaller = pixels(other) < pixels(r);
                boolean outOfOrder = smaller ? r.bitrateKbps() < other.bitrateKbps() : r.bitrateKbps() > other.bitrateKbps();
                if (!outOfOrder) {
                    continue;
                }
                if (explicit.get(i)) {
                    if (smaller) {
                        warnings.add(String.format(Locale.ROOT, "rendition %dx%d asks for %dk, more than the larger %dx%d"
                                + " at %dk: a player switching up would get a bigger but worse picture; give the larger"
                                + " rendition the higher bitrate", other.width(), other.height(), other.bitrateKbps(),
                                r.width(), r.height(), r.bitrateKbps()));
                    }
                    continue;
                }
                int kbps = (int) Math.round(other.bitrateKbps() * Math.pow((double) pixels(r) / pixels(other), 0.75));
                notes.add(String.format(Locale.ROOT, "rendition %dx%d estimated at %dk %s the %dk asked for %dx%d:"
                        + " encoded at %dk so that bitrates rise with the picture size", r.width(), r.height(),
                        r.bitrateKbps(), smaller ? "is below" : "is above", other.bitrateKbps(), other.width(),
                        other.height(), kbps));
                r = new PlannedRendition(r.index(), r.name(), r.width(), r.height(), kbps);
                fitted.set(i, r);
            }
        }
        return fitted;
    }

    private static long pixels(PlannedRendition r) {
        return (long) r.width() * r.height();
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
