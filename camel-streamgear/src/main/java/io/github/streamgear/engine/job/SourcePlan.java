package io.github.streamgear.engine.job;

import java.util.List;

import io.github.streamgear.engine.command.CommandBuilder;
import io.github.streamgear.engine.command.InputGuard;
import io.github.streamgear.engine.command.SourceSpec;
import io.github.streamgear.engine.command.StreamCopy;
import io.github.streamgear.engine.ffmpeg.FfmpegBinaries;
import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.LadderPlanner;
import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.probe.MediaProbe;
import io.github.streamgear.engine.settings.TranscodeSettings;
import io.github.streamgear.engine.tracks.SidecarSubtitle;
import io.github.streamgear.engine.tracks.TrackPlan;
import io.github.streamgear.engine.tracks.TrackPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a single-source job (a file job or a live source) will do, decided before its folder is touched: the probed
 * source, the ladder, the tracks, the file names and FFmpeg's command.
 */
public record SourcePlan(MediaInfo media, Ladder ladder, TrackPlan tracks, OutputLayout layout, List<String> argv) {

    private static final Logger LOG = LoggerFactory.getLogger(SourcePlan.class);

    /**
     * Probes {@code source} and plans the job; what planning dropped or changed is logged as {@code "<what>: ..."}.
     *
     * @param what     names the job in the log, e.g. {@code Job movie}
     * @param sidecars side-car subtitle files that ffprobe has read as such
     */
    public static SourcePlan of(String what, SourceSpec source, TranscodeSettings settings, List<SidecarSubtitle> sidecars,
            MediaProbe probe, FfmpegBinaries binaries) {
        MediaInfo media = probe.probe(InputGuard.options(source, settings.input()), source.location());
        LadderPlanner planner = new LadderPlanner(settings.encoding().bitsPerPixel());
        Ladder ladder;
        if (settings.encoding().copiesVideo()) {
            StreamCopy.check(media, settings.segmenting(), source.display());
            ladder = planner.copied(media.width(), media.height(), media.fps());
            LOG.info("{}: videoCodec=copy: the source's {} video is packaged as it is, segments cut at its keyframes",
                    what, media.videoCodec());
        } else {
            ladder = planner.plan(media.width(), media.height(), media.fps(), settings.encoding().extraRenditions());
        }
        ladder.warnings().forEach(w -> LOG.warn("{}: {}", what, w));
        if (!ladder.notes().isEmpty()) {
            LOG.info("{}: {}", what, String.join("; ", ladder.notes()));
        }
        TrackPlan tracks = new TrackPlanner(settings.tracks(), settings.encoding()).plan(media, sidecars);
        tracks.warnings().forEach(w -> LOG.warn("{}: {}", what, w));
        OutputLayout layout = new OutputLayout(settings.segmenting(), ladder, tracks);
        List<String> argv = CommandBuilder.forSource(binaries.ffmpeg(), source, media, ladder, tracks, layout, settings);
        return new SourcePlan(media, ladder, tracks, layout, argv);
    }
}
