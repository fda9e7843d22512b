package io.github.streamgear.engine.command;

import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.settings.LiveOptions;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.TranscodeSettings;

/**
 * FFmpeg's DASH muxer: an MPD with templated, timelined fMP4 segments, the audio in an adaptation set of its own. For
 * CMAF it also writes HLS playlists over the same segments ({@code -hls_playlist}): one encode, both formats.
 */
final class DashMuxer implements Muxer {

    @Override
    public List<String> arguments(TranscodeSettings s, OutputLayout layout, VideoTracks video, AudioTracks audio) {
        double segment = s.segmenting().segmentDuration();
        List<String> args = new ArrayList<>(List.of("-f", "dash", "-seg_duration", FfmpegNumbers.format(segment),
                "-use_template", "1", "-use_timeline", "1", "-dash_segment_type", "mp4",
                "-adaptation_sets", adaptationSets(video, audio),
                "-init_seg_name", OutputLayout.DASH_INIT_TEMPLATE, "-media_seg_name", OutputLayout.DASH_MEDIA_TEMPLATE));
        LiveOptions live = s.live();
        if (live != null) {
            args.addAll(List.of("-window_size", Integer.toString(live.windowSize()), "-extra_window_size",
                    Integer.toString(live.extraWindowSize()), "-remove_at_exit", live.removeAtExit() ? "1" : "0"));
            if (live.lowLatency()) {
                // chunked CMAF: each segment is written as short fragments while it is encoded
                args.addAll(List.of("-ldash", "1", "-streaming", "1", "-frag_type", "duration", "-frag_duration",
                        FfmpegNumbers.format(Math.min(0.5, segment / 4))));
                if (live.utcTimingUrl() != null) {
                    // FFmpeg writes the producer reference time and the target latency only with a timing source
                    args.addAll(List.of("-utc_timing_url", live.utcTimingUrl(), "-write_prft", "1", "-target_latency",
                            FfmpegNumbers.format(Math.max(1.5, segment))));
                }
            }
        }
        if (s.segmenting().format() == StreamFormat.CMAF) {
            // not -lhls: it needs -strict experimental and only adds EXT-X-PREFETCH hints few players read
            args.addAll(List.of("-hls_playlist", "1", "-hls_master_name", layout.hlsMaster()));
        }
        return args;
    }

    /**
     * The video renditions in one adaptation set, each audio track in one of its own (a player offers one language per
     * set): {@code id=0,streams=v id=1,streams=3 id=2,streams=4}, by output stream index.
     */
    static String adaptationSets(VideoTracks video, AudioTracks audio) {
        if (audio.isEmpty()) {
            return "id=0,streams=v";
        }
        if (audio.size() == 1) {
            return "id=0,streams=v id=1,streams=a";
        }
        StringBuilder sets = new StringBuilder("id=0,streams=v");
        for (int i = 0; i < audio.size(); i++) {
            sets.append(" id=").append(i + 1).append(",streams=").append(video.ladder().size() + i);
        }
        return sets.toString();
    }
}
