package io.github.streamgear.engine.command;

import java.util.List;

import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.TranscodeSettings;

/** The part of the command that cuts the encoded tracks into segments and writes the manifests. */
interface Muxer {

    /** The muxer's options, before the raw output options. */
    List<String> arguments(TranscodeSettings s, OutputLayout layout, VideoTracks video, AudioTracks audio);

    /** DASH for dash and cmaf (which adds HLS playlists over the same segments), HLS for hls. */
    static Muxer of(StreamFormat format) {
        return format == StreamFormat.HLS ? new HlsMuxer() : new DashMuxer();
    }
}
