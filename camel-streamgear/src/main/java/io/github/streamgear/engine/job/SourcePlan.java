package io.github.streamgear.engine.job;

import java.util.List;

import io.github.streamgear.engine.command.AudioCopy;
import io.github.streamgear.engine.command.CommandBuilder;
import io.github.streamgear.engine.command.InputGuard;
import io.github.streamgear.engine.command.SourceSpec;
import io.github.streamgear.engine.command.StreamCopy;
import io.github.streamgear.engine.ffmpeg.FfmpegBinaries;
import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.LadderPlanner;
import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.probe.KeyframeRead;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.probe.MediaProbe;
import io.github.streamgear.engine.probe.VideoKeyframes;
import io.github.streamgear.engine.settings.CopyPrimary;
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
        return of(what, source, settings, sidecars, probe, binaries, false);
    }

    /**
     * @param channel {@code source} is the first file of a live folder channel: its files are encoded apart, so the
     *                primary is never copied ({@code copyPrimary=auto} encodes every rendition, as {@code
     *                videoCodec=copy} is refused there)
     */
    public static SourcePlan of(String what, SourceSpec source, TranscodeSettings settings, List<SidecarSubtitle> sidecars,
            MediaProbe probe, FfmpegBinaries binaries, boolean channel) {
        // the keyframes a copied primary needs are read beside the stream probe, not after it: an ffprobe run's start
        // is a visible share of a job that copies the source's video (docs/performance.md, Packaging only)
        try (KeyframeRead keyframes = readsKeyframes(source, settings)
                ? probe.startKeyframes(InputGuard.options(source, settings.input()), source.location()) : null) {
            return of(what, source, settings, sidecars, probe, binaries, channel, keyframes);
        }
    }

    /** Whether {@code copyPrimary=auto} may need the keyframes of a file source ({@link #copiedPrimary}). */
    private static boolean readsKeyframes(SourceSpec source, TranscodeSettings settings) {
        return !settings.isLive() && source.local() && !settings.encoding().copiesVideo()
                && settings.encoding().copyPrimary() == CopyPrimary.AUTO;
    }

    private static SourcePlan of(String what, SourceSpec source, TranscodeSettings settings, List<SidecarSubtitle> sidecars,
            MediaProbe probe, FfmpegBinaries binaries, boolean channel, KeyframeRead keyframes) {
        MediaInfo media = probe.probe(InputGuard.options(source, settings.input()), source.location());
        LadderPlanner planner = new LadderPlanner(settings.encoding().bitsPerPixel());
        Ladder ladder;
        if (settings.encoding().copiesVideo()) {
            StreamCopy.check(media, settings.segmenting(), source.display());
            ladder = planner.copied(media.width(), media.height(), media.fps(), media.videoCodec());
            LOG.info("{}: videoCodec=copy: the source's {} video is packaged as it is, segments cut at its keyframes",
                    what, media.videoCodec());
        } else {
            ladder = planner.plan(media.width(), media.height(), media.fps(), settings.encoding().extraRenditions());
            if (settings.encoding().copyPrimary() == CopyPrimary.AUTO) {
                ladder = settings.isLive() ? liveCopiedPrimary(what, settings, media, ladder, channel)
                        : copiedPrimary(what, source, settings, media, ladder, keyframes);
            }
        }
        ladder.warnings().forEach(w -> LOG.warn("{}: {}", what, w));
        if (!ladder.notes().isEmpty()) {
            LOG.info("{}: {}", what, String.join("; ", ladder.notes()));
        }
        TrackPlan tracks = new TrackPlanner(settings.tracks(), settings.encoding()).plan(media, sidecars);
        tracks.warnings().forEach(w -> LOG.warn("{}: {}", what, w));
        if (ladder.copied() != null && !settings.isLive() && tracks.hasAudio()) {
            tracks = audio(what, settings, media, tracks);
        }
        OutputLayout layout = OutputLayout.of(settings, ladder, tracks);
        List<String> argv = CommandBuilder.forSource(binaries.ffmpeg(), source, media, ladder, tracks, layout, settings);
        return new SourcePlan(media, ladder, tracks, layout, argv);
    }

    /**
     * The tracks with the audio copied too when the video is and the audio is fit for it ({@link AudioCopy}). Not for
     * live sources (their audio arrives relayed as MPEG-TS whatever the source was) nor encrypted outputs: encoded as
     * before.
     */
    private static TrackPlan audio(String what, TranscodeSettings settings, MediaInfo media, TrackPlan tracks) {
        AudioCopy.Decision decision = settings.protection().encrypts()
                // the encryption of copied AAC (ADTS in SAMPLE-AES, CENC of raw frames) is not tested yet
                ? new AudioCopy.Decision(false, "encryption=" + settings.protection().encryption().option() + " is set")
                : AudioCopy.decide(settings.encoding(), media, tracks);
        if (decision.copy()) {
            LOG.info("{}: the audio is copied as the video is: {}", what, decision.reason());
            return tracks.withAudioCopied();
        }
        LOG.info("{}: the audio is encoded ({} {}): {}", what, settings.encoding().audioCodec(),
                settings.encoding().audioBitrate(), decision.reason());
        return tracks;
    }

    /**
     * A live source's ladder with its video copied as the primary rendition when it is fit for it, the other renditions
     * keyed on its keyframes ({@link CopiedPrimary#decideLive}).
     */
    private static Ladder liveCopiedPrimary(String what, TranscodeSettings settings, MediaInfo media, Ladder planned,
            boolean channel) {
        CopiedPrimary.Decision decision = channel
                ? new CopiedPrimary.Decision(null, "the source is a folder channel, whose files are encoded apart")
                : CopiedPrimary.decideLive(media, settings.segmenting(),
                        planned.renditions().stream().skip(1).mapToInt(r -> r.bitrateKbps()).max().orElse(0));
        if (decision.reason() != null) {
            LOG.info("{}: copyPrimary=auto: every rendition is encoded: {}", what, decision.reason());
            return planned;
        }
        LOG.info("{}: copyPrimary=auto: the source's {} video is the primary rendition, copied; the other {} encoded"
                 + " with a keyframe on each of its keyframes", what, media.videoCodec(), planned.size() - 1);
        return LadderPlanner.withCopiedPrimary(planned, media.width(), media.height(), decision.copied());
    }

    /** The ladder with the source's video copied as its primary rendition when the source is fit for it. */
    private static Ladder copiedPrimary(String what, SourceSpec source, TranscodeSettings settings, MediaInfo media,
            Ladder planned, KeyframeRead keyframeRead) {
        String reason = source.local() ? CopiedPrimary.unsuitableCodec(media, settings.segmenting())
                // the keyframes are read from every packet: a URL source would be downloaded twice
                : "the source is a URL, not a local file";
        CopiedPrimary.Decision decision = null;
        if (reason == null) {
            VideoKeyframes keyframes = keyframeRead.await();
            int encoded = planned.renditions().stream().skip(1).mapToInt(r -> r.bitrateKbps()).max().orElse(0);
            decision = CopiedPrimary.decide(media, keyframes, settings.segmenting(), encoded);
            reason = decision.reason();
        }
        if (reason != null) {
            LOG.info("{}: copyPrimary=auto: every rendition is encoded: {}", what, reason);
            return planned;
        }
        LOG.info("{}: copyPrimary=auto: the source's {} video is the primary rendition, copied; the other {} encoded"
                 + " with keyframes at its {} keyframes", what, media.videoCodec(), planned.size() - 1,
                decision.copied().keyframeTimes().size());
        return LadderPlanner.withCopiedPrimary(planned, media.width(), media.height(), decision.copied());
    }
}
