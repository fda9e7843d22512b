package io.github.streamgear.engine.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.PlannedRendition;
import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.settings.TranscodeSettings;
import io.github.streamgear.engine.tracks.AudioRendition;
import io.github.streamgear.engine.tracks.TrackPlan;

/**
 * Builds the FFmpeg argument list of a job from its parts: the {@link Input}s, the tracks made of them (the
 * {@link VideoTracks} of the ladder, the {@link AudioTracks}, the {@link SubtitleTracks}) and the {@link Muxer} that segments them. One FFmpeg run
 * decodes the video once, encodes every rendition and the audio once, and writes the segments and manifests.
 * FFmpeg runs in the job folder and every output file is named relative to it: FFmpeg's HLS muxer expands {@code %}
 * sequences in the whole segment path, so a folder such as {@code /srv/100%d} must not appear in it.
 */
public final class CommandBuilder {

    private CommandBuilder() {
    }

    /** A single-source job: the source file or URL, with the audio and subtitle tracks the plan carries. */
    public static List<String> forSource(Path ffmpeg, SourceSpec source, MediaInfo media, Ladder ladder, TrackPlan tracks,
            OutputLayout layout, TranscodeSettings s) {
        SubtitleTracks subtitles = new SubtitleTracks(tracks.subtitles(), 1);
        List<Input> inputs = new ArrayList<>(List.of(new SourceInput(source, s.input())));
        inputs.addAll(subtitles.inputs());
        return build(ffmpeg, inputs, new VideoTracks(ladder, media.displayAspectRatio(), media.fps()),
                new AudioTracks(tracks.audio(), tracks.audioCopied()), subtitles, layout, s, media.durationSeconds());
    }

    /**
     * A live source relayed on stdin by an ingest process ({@link PipedSourceInput}): the source's video and audio
     * tracks as the plan has them, read from the relayed MPEG-TS.
     */
    public static List<String> forPipedSource(Path ffmpeg, MediaInfo media, Ladder ladder, TrackPlan tracks,
            OutputLayout layout, TranscodeSettings s) {
        // a copied primary (copyPrimary=auto) copies the video as videoCodec=copy does: its init needs the full probe
        return build(ffmpeg, List.of(new PipedSourceInput(ladder.copied() != null)), new VideoTracks(ladder,
                media.displayAspectRatio(), media.fps()), new AudioTracks(tracks.audio()), new SubtitleTracks(List.of(), 1),
                layout, s, 0);
    }

    /**
     * A frames session: raw frames on stdin, with an audio file or URL when {@code audio} is not null (its track in
     * {@code tracks}).
     */
    public static List<String> forFrames(Path ffmpeg, RawFramesInput frames, SourceSpec audio, Ladder ladder,
            TrackPlan tracks, OutputLayout layout, TranscodeSettings s) {
        if (s.encoding().copiesVideo()) {
            throw new IllegalArgumentException("Option 'videoCodec=copy' cannot be used in frames mode: raw frames have"
                                               + " no encoded video to copy; pick an encoder such as libx264");
        }
        List<Input> inputs = new ArrayList<>(List.of(frames));
        if (audio != null) {
            inputs.add(new AudioInput(audio, s.input()));
        }
        return build(ffmpeg, inputs, new VideoTracks(ladder, frames.width() + "/" + frames.height(), frames.framerate()),
                new AudioTracks(audio != null ? tracks.audio() : List.of()), new SubtitleTracks(List.of(), 2), layout, s, 0);
    }

    /**
     * The job's encoders, presets, bitrates and raw output options run on a fifth of a second of generated video and
     * audio, written nowhere: what this FFmpeg refuses shows before a real source is sent.
     */
    public static List<String> forEncodingCheck(Path ffmpeg, TranscodeSettings s) {
        Ladder ladder = new Ladder(List.of(new PlannedRendition(0, "check", 64, 64, 100)), List.of(), List.of());
        VideoTracks video = new VideoTracks(ladder, "1/1", 25);
        AudioTracks audio = new AudioTracks(List.of(new AudioRendition("audio", "1:a:0", null, "Audio", 2, "main", true,
                false)));
        List<String> argv = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "lavfi", "-i", "color=size=64x64:rate=25", "-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo"));
        boolean copy = s.encoding().copiesVideo();
        if (!copy) { // a copied video has no encoder to check; the audio encoder and the raw options are still checked
            argv.addAll(List.of("-filter_complex", video.filterGraph()));
            argv.addAll(video.maps());
        }
        argv.addAll(audio.maps());
        if (!copy) {
            argv.addAll(video.encoding(s));
        }
        argv.addAll(audio.encoding(s.encoding()));
        argv.addAll(s.encoding().outputOptions());
        argv.addAll(List.of("-t", "0.2", "-f", "null", "-"));
        return argv;
    }

    /** @param sourceSeconds the source's duration, 0 if unknown (where the poster is taken from) */
    static List<String> build(Path ffmpeg, List<Input> inputs, VideoTracks video, AudioTracks audio,
            SubtitleTracks subtitles, OutputLayout layout, TranscodeSettings s, double sourceSeconds) {
        ImageOutputs images = new ImageOutputs(s.output().thumbnails(), video, sourceSeconds, s.isLive());
        List<String> argv = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner"));
        boolean stdinIsInput = inputs.stream().anyMatch(Input::fromStdin);
        if (!stdinIsInput) {
            argv.add("-nostdin"); // never let FFmpeg read keyboard commands from a stdin that is not an input
        }
        argv.addAll(List.of("-y", "-loglevel", "warning", "-nostats", "-progress", "pipe:1"));
        inputs.forEach(input -> argv.addAll(input.arguments()));
        String graph = video.filterGraph(images.branches());
        if (!graph.isEmpty()) {
            argv.addAll(List.of("-filter_complex", graph));
        }
        argv.addAll(video.maps());
        argv.addAll(audio.maps());
        argv.addAll(video.encoding(s));
        if (inputs.get(0) instanceof PipedSourceInput piped) {
            argv.addAll(piped.outputRate(video.fps()));
        }
        argv.addAll(audio.encoding(s.encoding(), s.segmenting().segmentType() == HlsSegmentType.FMP4));
        if (inputs.get(0) instanceof RawFramesInput && !audio.isEmpty()) {
            argv.add("-shortest"); // the stream ends with the frames, not with a looped or endless audio source
        }
        argv.addAll(List.of("-max_muxing_queue_size", "4096"));
        argv.addAll(Muxer.of(s.segmenting().format()).arguments(s, layout, video, audio));
        argv.addAll(s.encoding().outputOptions());
        argv.add(layout.ffmpegTarget());
        argv.addAll(subtitles.outputs(layout));
        argv.addAll(images.outputs()); // after the streaming output: its options stay as they were
        return argv;
    }
}
