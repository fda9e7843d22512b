package io.github.streamgear.engine.command;

import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.ladder.PlannedRendition;
import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.LiveOptions;
import io.github.streamgear.engine.settings.TranscodeSettings;
import io.github.streamgear.engine.tracks.AudioRendition;

/**
 * FFmpeg's HLS muxer: a master playlist and one media playlist per rendition, MPEG-TS or fMP4 segments written under a
 * temporary name, the audio as a rendition group every video variant refers to.
 */
final class HlsMuxer implements Muxer {

    @Override
    public List<String> arguments(TranscodeSettings s, OutputLayout layout, VideoTracks video, AudioTracks audio) {
        List<String> args = new ArrayList<>(List.of("-f", "hls", "-hls_time",
                FfmpegNumbers.format(s.segmenting().segmentDuration())));
        LiveOptions live = s.live();
        if (live == null) {
            args.addAll(List.of("-hls_playlist_type", "vod", "-hls_list_size", "0", "-hls_flags",
                    "independent_segments+temp_file"));
        } else {
            // FFmpeg's HLS muxer has no remove_at_exit: the job removes the files itself when asked
            args.addAll(List.of("-hls_list_size", Integer.toString(live.windowSize()), "-hls_delete_threshold",
                    Integer.toString(Math.max(1, live.extraWindowSize())), "-hls_flags",
                    "independent_segments+temp_file+delete_segments"));
        }
        HlsSegmentType type = s.segmenting().segmentType();
        args.addAll(List.of("-hls_segment_type", type.ffmpegName(), "-hls_segment_filename", layout.hlsSegmentTemplate()));
        if (type == HlsSegmentType.FMP4) {
            args.addAll(List.of("-hls_fmp4_init_filename", OutputLayout.HLS_INIT_NAME));
        }
        args.addAll(List.of("-master_pl_name", layout.hlsMaster(), "-var_stream_map", varStreamMap(video, audio)));
        return args;
    }

    /**
     * {@code v:0,agroup:audio,name:720p v:1,agroup:audio,name:360p a:0,agroup:audio,name:audio,language:en
     * a:1,agroup:audio,name:audio_fr,language:fr}: the names are the file names' (the master's human names, channels
     * and flags are set when the job finishes, see {@code HlsMediaGroups}).
     */
    static String varStreamMap(VideoTracks video, AudioTracks audio) {
        List<String> entries = new ArrayList<>();
        String group = audio.isEmpty() ? "" : ",agroup:" + OutputLayout.AUDIO;
        for (PlannedRendition r : video.ladder().renditions()) {
            entries.add("v:" + r.index() + group + ",name:" + r.name());
        }
        for (int i = 0; i < audio.size(); i++) {
            AudioRendition a = audio.renditions().get(i);
            entries.add("a:" + i + group + ",name:" + a.name() + (a.language() == null ? "" : ",language:" + a.language()));
        }
        return String.join(" ", entries);
    }
}
