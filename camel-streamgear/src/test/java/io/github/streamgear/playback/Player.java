package io.github.streamgear.playback;

/** The browser players the harness drives (npm packages pinned in {@code src/test/player/package-lock.json}). */
public enum Player {

    /** hls.js: HLS only. */
    HLS_JS("hls.js", false, true),
    /** Shaka Player: DASH and HLS. */
    SHAKA("shaka", true, true),
    /** dash.js, the DASH-IF reference player: DASH only. */
    DASHJS("dashjs", true, false);

    private final String id;
    private final boolean dash;
    private final boolean hls;

    Player(String id, boolean dash, boolean hls) {
        this.id = id;
        this.dash = dash;
        this.hls = hls;
    }

    /** The name harness.mjs knows the player by. */
    public String id() {
        return id;
    }

    public boolean plays(Manifest.Kind kind) {
        return kind == Manifest.Kind.DASH ? dash : hls;
    }

    @Override
    public String toString() {
        return id;
    }
}
