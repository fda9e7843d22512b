package io.github.streamgear.engine.command;

import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.ladder.PlannedRendition;
import io.github.streamgear.engine.output.ThumbnailNames;
import io.github.streamgear.engine.settings.Thumbnails;

/**
 * The still images of a job, made in the same FFmpeg run as the renditions: branches of the split decoded video, each
 * written by FFmpeg's image2 muxer with atomic writes ({@code NAME.tmp} renamed into place, as the watcher expects).
 * <ul>
 * <li>Thumbnail tiles: {@code setpts=PTS-STARTPTS,fps=1000/MS:round=up,scale=W:H,tile=CxR}: picture {@code k} is the
 * frame shown at {@code k * interval} seconds ({@code round=up}: the last frame at or before that time), the pictures
 * laid out row by row, {@code C x R} per JPEG ({@code tile_00001.jpg} ...); the last tile is written when the video
 * ends, its unused cells black.</li>
 * <li>Poster: FFmpeg's {@code thumbnail} filter picks the most representative of about two seconds of frames (at
 * most 60, and at most 128 MB of decoded frames: 41 of 1080p, 10 of 4K) from 10% of the video (the start of frames
 * sessions, whose length is unknown; {@value #LIVE_POSTER_SECONDS} s into a live stream, so it is published early,
 * once): not the black or faded first frame a title sequence or a camera's start shows. Only the chosen frame is
 * scaled.</li>
 * </ul>
 * JPEGs are full-range YUV 4:2:0 ({@code out_range=full}, {@code -strict unofficial} lets FFmpeg 5.1's MJPEG encoder
 * take {@code yuv420p} without converting to the deprecated {@code yuvj420p}).
 */
final class ImageOutputs {

    /** Widest poster. */
    static final int POSTER_MAX_WIDTH = 1280;
    /** How many frames the poster is chosen from, at most. */
    static final int POSTER_MAX_FRAMES = 60;
    /** How many bytes of decoded frames the poster is chosen from, at most. */
    static final long POSTER_MAX_BYTES = 128L << 20;

    /** Where a live stream's poster is chosen from: a few seconds in, past a camera's or encoder's start. */
    static final int LIVE_POSTER_SECONDS = 3;

    private final Thumbnails t;
    private final VideoTracks video;
    private final double sourceSeconds;
    private final boolean live;

    ImageOutputs(Thumbnails t, VideoTracks video, double sourceSeconds, boolean live) {
        this.t = t;
        this.video = video;
        this.sourceSeconds = sourceSeconds;
        this.live = live;
    }

    /** The filter chains to feed from the split, each ending in its output label; empty when nothing is asked. */
    List<String> branches() {
        List<String> branches = new ArrayList<>();
        if (t.enabled()) {
            int[] cell = cellSize(t, video.ladder().primary());
            long millis = Math.round(t.intervalSeconds() * 1000);
            branches.add("setpts=PTS-STARTPTS,fps=fps=1000/" + millis + ":round=up,scale=" + cell[0] + ":" + cell[1]
                         + ":out_range=full,setsar=1,tile=" + t.grid() + "[thumbs]");
        }
        if (t.poster()) {
            PlannedRendition primary = video.ladder().primary();
            int width = even(Math.min(primary.width(), POSTER_MAX_WIDTH));
            int height = even((double) width * primary.height() / primary.width());
            // the filter holds its batch of decoded frames: at most POSTER_MAX_BYTES of them (60 of 720p, 41 of 1080p)
            long frameBytes = Math.max(1, (long) primary.width() * primary.height() * 3 / 2);
            int frames = (int) Math.max(1, Math.min(Math.min(POSTER_MAX_FRAMES, POSTER_MAX_BYTES / frameBytes),
                    Math.round(video.fps() * 2)));
            long start = live ? Math.round(video.fps() * LIVE_POSTER_SECONDS)
                    : sourceSeconds > 0 ? Math.round(video.fps() * sourceSeconds * 0.1) : 0;
            // chosen first, scaled after: one frame scaled, not the whole batch (which cost 7% more CPU on a 720p job)
            branches.add("trim=start_frame=" + start + ":end_frame=" + (start + frames) + ",thumbnail=n=" + frames
                         + ",scale=" + width + ":" + height + ":out_range=full,setsar=1[poster]");
        }
        return branches;
    }

    /** The image2 outputs, after the streaming output. */
    List<String> outputs() {
        List<String> args = new ArrayList<>();
        if (t.enabled()) {
            args.addAll(List.of("-map", "[thumbs]", "-c:v", "mjpeg", "-strict", "unofficial", "-q:v", "5",
                    "-max_muxing_queue_size", "4096", "-f", "image2", "-atomic_writing", "1", "-start_number", "1",
                    ThumbnailNames.TILE_TEMPLATE));
        }
        if (t.poster()) {
            args.addAll(List.of("-map", "[poster]", "-c:v", "mjpeg", "-strict", "unofficial", "-q:v", "3",
                    "-max_muxing_queue_size", "4096"));
            if (live) {
                // the constant frame rate output repeats the chosen frame until the stream ends: each repeat would be
                // published again
                args.addAll(List.of("-frames:v", "1"));
            }
            args.addAll(List.of("-f", "image2", "-update", "1", "-atomic_writing", "1", ThumbnailNames.POSTER));
        }
        return args;
    }

    /** Width and height of one thumbnail: the configured width (no wider than the largest rendition), its aspect. */
    static int[] cellSize(Thumbnails t, PlannedRendition primary) {
        int width = even(Math.min(t.width(), primary.width()));
        return new int[] {width, even((double) width * primary.height() / primary.width())};
    }

    private static int even(double value) {
        return (int) Math.max(2, Math.round(value / 2) * 2);
    }
}
