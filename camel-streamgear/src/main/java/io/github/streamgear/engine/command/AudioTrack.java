package io.github.streamgear.engine.command;

import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.settings.Encoding;

/**
 * The audio, encoded once and shared by every video rendition: a DASH audio adaptation set, an HLS audio rendition
 * group.
 *
 * @param stream the input stream it is taken from, e.g. {@code 0:a:0}
 */
public record AudioTrack(String stream) {

    List<String> maps() {
        return List.of("-map", stream);
    }

    List<String> encoding(Encoding e) {
        List<String> args = new ArrayList<>(List.of("-c:a", e.audioCodec(), "-b:a", e.audioBitrate()));
        if (e.audioChannels() > 0) {
            args.addAll(List.of("-ac", Integer.toString(e.audioChannels())));
        }
        return args;
    }
}
