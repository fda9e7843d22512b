package io.github.streamgear.engine.ladder;

/**
 * A video rendition as it will be encoded: its output index (0 is the primary stream at source resolution), a
 * unique name used in file names (e.g. {@code 720p}), its frame size and its capped average bitrate.
 */
public record PlannedRendition(int index, String name, int width, int height, int bitrateKbps) {

    /** Peak rate allowed to the encoder's VBV, in kbit/s: equal to the average so the advertised figure holds. */
    public int maxrateKbps() {
        return bitrateKbps;
    }

    /** VBV buffer, in kbit: two seconds' worth at the average rate. */
    public int bufsizeKbits() {
        return bitrateKbps * 2;
    }

    public String size() {
        return width + "x" + height;
    }

    @Override
    public String toString() {
        return name + " " + size() + "@" + bitrateKbps + "k";
    }
}
