package io.github.streamgear.engine.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.streamgear.engine.settings.LiveOptions;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.TranscodeSettings;
import io.github.streamgear.engine.frames.FrameFormat;
import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.PlannedRendition;
import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.probe.MediaInfo;

/**
 * Builds the FFmpeg argument list of a job: a single source ({@link #forSource}) or raw frames on stdin
 * ({@link #forFrames}). One FFmpeg run decodes the input once, splits the picture
 * into every rendition of the ladder, and encodes:
 * <ul>
 * <li>each rendition with a capped average bitrate ({@code -b:v}, {@code -maxrate}, {@code -bufsize}), so that what
 * the manifest advertises is what is delivered;</li>
 * <li>keyframes forced on every segment boundary and scene-cut keyframes off, so that segments of all renditions start
 * at the same timestamps on a keyframe and players switch cleanly;</li>
 * <li>the same display aspect ratio on every rendition (DASH puts them in one adaptation set);</li>
 * <li>audio once, shared by all renditions: a DASH audio adaptation set, an HLS audio rendition group.</li>
 * </ul>
 * FFmpeg runs in the job folder and every output file is named relative to it: FFmpeg's HLS muxer expands {@code %}
 * sequences in the whole segment path, so a folder such as {@code /srv/100%d} must not appear in it.
 */
public final class CommandBuilder {

    /**
     * How full the rate control's buffer is at the start. x264's default (90% of the 2 s buffer) lets the first
     * seconds run above the advertised rate, right when players start with an empty buffer: 8-15% over 6-8 s
     * sources in the tests (1.148 of the target on a 320x180 rung). At 70% the same renditions measure 0.99-1.04.
     */
    static final double INITIAL_BUFFER_FULLNESS = 0.7;

    private CommandBuilder() {
    }

    /** A single-source job: the source file or URL, decoded once, with its own audio. */
    public static List<String> forSource(Path ffmpeg, SourceSpec source, MediaInfo media, Ladder ladder, OutputLayout layout,
            TranscodeSettings s) {
        List<String> inputs = new ArrayList<>(InputGuard.options(source, s.input()));
        inputs.addAll(s.input().inputOptions());
        inputs.addAll(List.of("-i", source.location()));
        return assemble(ffmpeg, inputs, media, media.hasAudio() ? "0:a:0" : null, ladder, layout, s, false);
    }

    /**
     * A frames session: raw frames read from stdin, optionally muxed with a separate audio source, encoded once. The
     * stream ends with the frames ({@code -shortest}); an audio file is looped so it cannot end the stream first.
     */
    public static List<String> forFrames(Path ffmpeg, FrameFormat frames, SourceSpec audio, Ladder ladder,
            OutputLayout layout, TranscodeSettings s) {
        List<String> inputs = new ArrayList<>(s.input().inputOptions());
        inputs.addAll(List.of("-f", "rawvideo", "-pix_fmt", frames.pixelFormat().ffmpegName(), "-video_size",
                frames.width() + "x" + frames.height(), "-framerate", FrameFormat.rate(frames.framerate()),
                "-thread_queue_size", "64", "-i", "pipe:0"));
        if (audio != null) {
            inputs.addAll(InputGuard.options(audio, s.input()));
            if (audio.local()) {
                inputs.addAll(List.of("-stream_loop", "-1")); // a file shorter than the stream must not end it early
            }
            inputs.addAll(List.of("-thread_queue_size", "1024", "-i", audio.location()));
        }
        MediaInfo media = new MediaInfo(frames.width(), frames.height(), frames.framerate(), 0, "rawvideo", audio != null,
                null, "rawvideo");
        return assemble(ffmpeg, inputs, media, audio != null ? "1:a:0" : null, ladder, layout, s, audio != null);
    }

    private static List<String> assemble(Path ffmpeg, List<String> inputs, MediaInfo media, String audioMap, Ladder ladder,
            OutputLayout layout, TranscodeSettings s, boolean endWithVideo) {
        List<String> argv = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner"));
        if (!inputs.contains("pipe:0")) {
            argv.add("-nostdin"); // stdin is not an input: never let FFmpeg read keyboard commands from it
        }
        argv.addAll(List.of("-y", "-loglevel", "warning", "-nostats", "-progress", "pipe:1"));
        argv.addAll(inputs);
        argv.addAll(List.of("-filter_complex", filterGraph(media, ladder)));
        for (PlannedRendition r : ladder.renditions()) {
            argv.addAll(List.of("-map", "[v" + r.index() + "]"));
        }
        if (audioMap != null) {
            argv.addAll(List.of("-map", audioMap));
        }
        argv.addAll(videoEncoding(s, ladder, media.fps()));
        if (s.isLive() && s.live().lowLatency() && isX26x(s.encoding().videoCodec())) {
            argv.addAll(List.of("-tune", "zerolatency")); // no lookahead, no B-frames: frames leave the encoder at once
        }
        if (audioMap != null) {
            argv.addAll(List.of("-c:a", s.encoding().audioCodec(), "-b:a", s.encoding().audioBitrate()));
        }
        if (endWithVideo) {
            argv.add("-shortest");
        }
        argv.addAll(List.of("-max_muxing_queue_size", "4096"));
        argv.addAll(s.segmenting().format() == StreamFormat.HLS ? hlsMuxer(s, ladder, layout, audioMap != null)
                : dashMuxer(s, layout, audioMap != null));
        argv.addAll(s.encoding().outputOptions());
        argv.add(layout.ffmpegTarget());
        return argv;
    }

    /**
     * {@code [0:v:0]format=yuv420p,split=N[s0][s1];[s0]scale=W:H,setdar=..,format=yuv420p[v0];...}: the pixel format is
     * converted once, before the split, not once per rendition (raw bgr24 720p frames to three rungs: 67.5 to 135 fps in
     * the frames benchmark; a no-op for the yuv420p of most files).
     */
    static String filterGraph(MediaInfo media, Ladder ladder) {
        int n = ladder.size();
        StringBuilder graph = new StringBuilder("[0:v:0]");
        if (n > 1) {
            graph.append("format=yuv420p,split=").append(n);
            for (int i = 0; i < n; i++) {
                graph.append("[s").append(i).append(']');
            }
            graph.append(';');
        }
        for (PlannedRendition r : ladder.renditions()) {
            if (n > 1) {
                graph.append("[s").append(r.index()).append(']');
            }
            graph.append("scale=").append(r.width()).append(':').append(r.height())
                    .append(",setdar=").append(media.displayAspectRatio())
                    .append(",format=yuv420p[v").append(r.index()).append("];");
        }
        graph.setLength(graph.length() - 1);
        return graph.toString();
    }

    static List<String> videoEncoding(TranscodeSettings s, Ladder ladder, double fps) {
        List<String> args = new ArrayList<>(List.of("-c:v", s.encoding().videoCodec()));
        String codec = s.encoding().videoCodec().toLowerCase(Locale.ROOT);
        if (isX26x(codec) && s.encoding().preset() != null && !s.encoding().preset().isBlank()) {
            args.addAll(List.of("-preset", s.encoding().preset()));
        }
        for (PlannedRendition r : ladder.renditions()) {
            String i = Integer.toString(r.index());
            args.addAll(List.of("-b:v:" + i, r.bitrateKbps() + "k", "-maxrate:v:" + i, r.maxrateKbps() + "k",
                    "-bufsize:v:" + i, r.bufsizeKbits() + "k",
                    "-rc_init_occupancy:v:" + i, Long.toString(Math.round(r.bufsizeKbits() * 1000 * INITIAL_BUFFER_FULLNESS))));
        }
        int gop = gop(s, fps);
        args.addAll(List.of("-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-sc_threshold", "0",
                "-force_key_frames", "expr:gte(t,n_forced*" + seconds(s.segmenting().segmentDuration()) + ")"));
        if (codec.equals("libx265")) {
            args.addAll(List.of("-x265-params", "keyint=" + gop + ":min-keyint=" + gop + ":scenecut=0"));
        }
        return args;
    }

    private static boolean isX26x(String codec) {
        String c = codec.toLowerCase(Locale.ROOT);
        return c.startsWith("libx264") || c.equals("libx265");
    }

    /** Keyframe interval: the configured one, or two seconds of frames but no more than one segment. */
    public static int gop(TranscodeSettings s, double fps) {
        if (s.encoding().gop() > 0) {
            return s.encoding().gop();
        }
        return (int) Math.max(1, Math.round(fps * Math.min(2.0, s.segmenting().segmentDuration())));
    }

    private static List<String> dashMuxer(TranscodeSettings s, OutputLayout layout, boolean audio) {
        List<String> args = new ArrayList<>(List.of("-f", "dash", "-seg_duration", seconds(s.segmenting().segmentDuration()),
                "-use_template", "1", "-use_timeline", "1", "-dash_segment_type", "mp4",
                "-adaptation_sets", audio ? "id=0,streams=v id=1,streams=a" : "id=0,streams=v",
                "-init_seg_name", OutputLayout.DASH_INIT_TEMPLATE, "-media_seg_name", OutputLayout.DASH_MEDIA_TEMPLATE));
        LiveOptions live = s.live();
        if (live != null) {
            args.addAll(List.of("-window_size", Integer.toString(live.windowSize()), "-extra_window_size",
                    Integer.toString(live.extraWindowSize()), "-remove_at_exit", live.removeAtExit() ? "1" : "0"));
            if (live.lowLatency()) {
                // chunked CMAF: each segment is written as short fragments while it is encoded
                args.addAll(List.of("-ldash", "1", "-streaming", "1", "-frag_type", "duration", "-frag_duration",
                        seconds(Math.min(0.5, s.segmenting().segmentDuration() / 4))));
                if (live.utcTimingUrl() != null) {
                    // FFmpeg writes the producer reference time and the target latency only with a timing source
                    args.addAll(List.of("-utc_timing_url", live.utcTimingUrl(), "-write_prft", "1", "-target_latency",
                            seconds(Math.max(1.5, s.segmenting().segmentDuration()))));
                }
            }
        }
        if (s.segmenting().format() == StreamFormat.CMAF) {
            // not -lhls: it needs -strict experimental and only adds EXT-X-PREFETCH hints few players read
            args.addAll(List.of("-hls_playlist", "1", "-hls_master_name", layout.hlsMaster()));
        }
        return args;
    }

    private static List<String> hlsMuxer(TranscodeSettings s, Ladder ladder, OutputLayout layout, boolean audio) {
        List<String> args = new ArrayList<>(List.of("-f", "hls", "-hls_time", seconds(s.segmenting().segmentDuration())));
        LiveOptions live = s.live();
        if (live == null) {
            args.addAll(List.of("-hls_playlist_type", "vod", "-hls_list_size", "0", "-hls_flags",
                    "independent_segments+temp_file"));
        } else {
            // FFmpeg's HLS muxer has no remove_at_exit: the session removes the files itself when asked
            args.addAll(List.of("-hls_list_size", Integer.toString(live.windowSize()), "-hls_delete_threshold",
                    Integer.toString(Math.max(1, live.extraWindowSize())), "-hls_flags",
                    "independent_segments+temp_file+delete_segments"));
        }
        args.addAll(List.of("-hls_segment_type", s.segmenting().segmentType().ffmpegName(), "-hls_segment_filename",
                layout.hlsSegmentTemplate()));
        if (s.segmenting().segmentType().extension().equals("m4s")) {
            args.addAll(List.of("-hls_fmp4_init_filename", OutputLayout.HLS_INIT_NAME));
        }
        args.addAll(List.of("-master_pl_name", layout.hlsMaster(), "-var_stream_map", varStreamMap(ladder, audio)));
        return args;
    }

    /** {@code v:0,agroup:audio,name:720p v:1,agroup:audio,name:360p a:0,agroup:audio,name:audio} */
    static String varStreamMap(Ladder ladder, boolean audio) {
        List<String> entries = new ArrayList<>();
        String group = audio ? ",agroup:" + OutputLayout.AUDIO : "";
        for (PlannedRendition r : ladder.renditions()) {
            entries.add("v:" + r.index() + group + ",name:" + r.name());
        }
        if (audio) {
            entries.add("a:0" + group + ",name:" + OutputLayout.AUDIO);
        }
        return String.join(" ", entries);
    }

    /** Seconds as FFmpeg reads them: {@code 4}, {@code 2.5}. */
    static String seconds(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
