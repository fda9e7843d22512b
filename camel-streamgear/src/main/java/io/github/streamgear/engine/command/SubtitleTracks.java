package io.github.streamgear.engine.command;

import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.tracks.SubtitleRendition;

/**
 * The text subtitles, converted to WebVTT by the same FFmpeg run, each into a whole file of its own beside the
 * streaming output (FFmpeg 5.1's HLS muxer cannot segment a subtitle rendition of its own, its DASH muxer takes no
 * text at all). The job cuts them into segments and lists them in the manifests when FFmpeg is done
 * ({@code output/SubtitleFiles}).
 *
 * @param firstSidecarInput the FFmpeg input index of the first side-car file (they follow the source)
 */
public record SubtitleTracks(List<SubtitleRendition> renditions, int firstSidecarInput) {

    public SubtitleTracks {
        renditions = List.copyOf(renditions);
    }

    List<Input> inputs() {
        List<Input> inputs = new ArrayList<>();
        renditions.stream().filter(r -> r.sidecar() != null).forEach(r -> inputs.add(new SubtitleInput(r.sidecar())));
        return inputs;
    }

    /** One output per track, after the streaming output's target. */
    List<String> outputs(OutputLayout layout) {
        List<String> args = new ArrayList<>();
        int sidecar = firstSidecarInput;
        for (SubtitleRendition r : renditions) {
            String stream = r.sidecar() != null ? (sidecar++) + ":s:0" : "0:" + r.streamIndex();
            args.addAll(List.of("-map", stream, "-c:s", "webvtt", "-f", "webvtt", layout.subtitleSource(r.name())));
        }
        return args;
    }
}
