package io.github.streamgear.engine.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.output.CencSegments;
import io.github.streamgear.engine.output.DashContentProtection;
import io.github.streamgear.engine.output.DashManifest;
import io.github.streamgear.engine.output.DashTracks;
import io.github.streamgear.engine.output.HeldRemovals;
import io.github.streamgear.engine.output.HlsMediaGroups;
import io.github.streamgear.engine.output.SubtitleFiles;
import io.github.streamgear.engine.output.DiskSpace;
import io.github.streamgear.engine.output.FileKind;
import io.github.streamgear.engine.output.HlsMasterPlaylist;
import io.github.streamgear.engine.output.IFramePlaylists;
import io.github.streamgear.engine.output.JobFolders;
import io.github.streamgear.engine.output.LiveMpd;
import io.github.streamgear.engine.output.LiveTrickPlay;
import io.github.streamgear.engine.output.OutputCollector;
import io.github.streamgear.engine.output.OutputEvent;
import io.github.streamgear.engine.output.OutputFile;
import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.output.OutputVerifier;
import io.github.streamgear.engine.output.OutputWatcher;
import io.github.streamgear.engine.output.ThumbnailTrack;
import io.github.streamgear.engine.output.VodPublication;
import io.github.streamgear.engine.protection.ContentKey;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.Thumbnails;
import io.github.streamgear.engine.settings.TranscodeSettings;
import io.github.streamgear.engine.tracks.TrackPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one job's output in its folder, the same for a file job and a frame session: the folder is claimed
 * (one job per folder), prepared and snapshotted; files are reported as FFmpeg completes them (VOD manifests held
 * back until the job succeeded); at the end the manifests are finished and the output is verified before it is
 * published, or everything this run wrote is removed again.
 */
public final class JobRun {

    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
    /**
     * Held while the live master playlist is read, changed and written back: the watcher mends each version FFmpeg
     * writes while the stopping thread finishes it, and one must not write back a copy read before the other's.
     */
    private final Object masterRewrite = new Object();

    private final String jobId;
    private final String source;
    private final Path jobDir;
    private final OutputLayout layout;
    private final TrackPlan tracks;
    private final TranscodeSettings settings;
    private final double frameRate;
    private final Consumer<OutputEvent> listener;
    private final JobFolders.Claim claim;
    private final boolean createdFolder;
    private final Map<String, String> before;
    private final VodPublication publication;
    private final OutputWatcher watcher;
    private final ContentKey cencKey;
    private final CencSegments cenc;
    private final LiveTrickPlay trickPlay;
    private final LiveMpd liveMpd;
    private final HeldRemovals removals;
    private boolean cencFailureLogged; // watcher thread only
    /** A live HLS master version not passed on because what it lists was not passed on yet; watcher thread only. */
    private OutputEvent heldMaster;

    /**
     * Claims and prepares the folder and starts watching it; call before FFmpeg starts.
     *
     * @param frameRate the output frame rate (FFmpeg keeps the source's: the probed rate, or the raw frames' rate), for
     *                  the HLS master's {@code FRAME-RATE}; 0 if unknown
     * @param listener receives each file as it is completed or removed (VOD manifests: only the final versions, after
     *                 {@link #succeeded()}); may be null
     */
    public static JobRun begin(String jobId, String source, Path jobDir, OutputLayout layout, TrackPlan tracks,
            TranscodeSettings settings, double frameRate, Consumer<OutputEvent> listener) {
        return begin(jobId, source, jobDir, layout, tracks, settings, frameRate, listener, null);
    }

    /**
     * @param cencKey the key of a DASH/CMAF job FFmpeg encrypts with {@code encryption=cenc} (its key id and its key
     *                URI, the ClearKey licence URL, are signalled in the MPD: a live stream's layout must
     *                {@linkplain OutputLayout#draftsMpd() draft its MPD}); null when it does not
     */
    public static JobRun begin(String jobId, String source, Path jobDir, OutputLayout layout, TrackPlan tracks,
            TranscodeSettings settings, double frameRate, Consumer<OutputEvent> listener, ContentKey cencKey) {
        return new JobRun(jobId, source, jobDir.toAbsolutePath(), layout, tracks, settings, frameRate, listener, cencKey);
    }

    private JobRun(String jobId, String source, Path jobDir, OutputLayout layout, TrackPlan tracks,
            TranscodeSettings settings, double frameRate, Consumer<OutputEvent> listener, ContentKey cencKey) {
        this.jobId = jobId;
        this.source = source;
        this.jobDir = jobDir;
        this.layout = layout;
        this.tracks = tracks;
        this.settings = settings;
        this.frameRate = frameRate;
        this.listener = listener;
        if (cencKey != null && (!settings.segmenting().format().writesDash() || settings.isLive() && !layout.draftsMpd())) {
            throw new IllegalArgumentException("CENC is completed for DASH/CMAF jobs only, live ones with a drafted MPD");
        }
        this.cencKey = cencKey;
        this.cenc = cencKey == null ? null : new CencSegments(jobDir, layout);
        this.liveMpd = settings.isLive() && layout.draftsMpd() ? new LiveMpd(jobDir, layout) : null;
        this.removals = settings.isLive() ? new HeldRemovals() : null;
        if (liveMpd != null && cencKey != null) {
            liveMpd.edit(mpd -> DashContentProtection.signal(mpd, cencKey.keyId(), cencKey.keyUri(),
                    cencKey.contentProtection()));
        }
        Thumbnails images = settings.output().thumbnails();
        this.trickPlay = settings.isLive() && (images.enabled() || images.iframePlaylists())
                ? new LiveTrickPlay(jobDir, layout, images, settings.segmenting().segmentDuration()) : null;
        this.claim = JobFolders.claim(jobDir, jobId);
        try {
            createdFolder = !Files.isDirectory(jobDir);
            Files.createDirectories(jobDir);
            if (settings.output().clearPrevAssets()) {
                int n = OutputCollector.clearPreviousAssets(jobDir);
                if (n > 0) {
                    LOG.info("Job {}: cleared {} asset(s) of an earlier run from {}", jobId, n, jobDir);
                }
            }
            before = OutputCollector.snapshot(jobDir);
            publication = listener == null || settings.isLive() ? null : new VodPublication(listener, layout.manifests());
            // live HLS masters are mended as they are written, so a live job is watched even when nobody listens
            watcher = listener == null && !settings.isLive() ? null : new OutputWatcher(jobDir, layout, this::onOutput,
                    liveMpd == null ? null : liveMpd::update, settings.isLive());
            if (watcher != null) {
                watcher.start();
            }
        } catch (IOException | RuntimeException e) {
            claim.close();
            throw new StreamGearException("Job " + jobId + ": cannot prepare output folder " + jobDir + ": " + e.getMessage()
                    + DiskSpace.fullDiskHint(jobDir, List.of()), e);
        }
    }

    public Path jobDir() {
        return jobDir;
    }

    /**
     * FFmpeg has exited normally: writes the subtitle files, finishes the manifests (VOD MPD duration, measured DASH
     * bandwidths, HLS master variants, bandwidths and tags, the tracks described) and removes a live HLS stream when
     * asked to (FFmpeg's HLS muxer cannot).
     * <p>
     * A live MPD advertises the encoder's targets while the stream runs (nothing is measured yet); when the stream
     * ended and its files stay, FFmpeg's last MPD (static, listing the last window) gets measured bandwidths for the
     * Representations whose listed segments are all still on disk.
     */
    public void finishManifests(List<String> processLog) {
        if (cenc != null) {
            // what the watcher has not seen yet is completed now, so the reply lists the sizes that are published
            if (!cenc.completeAll(OutputCollector.collect(jobDir, layout, before))) {
                throw new StreamGearException("Job " + jobId + ": " + cenc.failure() + "; nothing more was published",
                        null, processLog);
            }
            LOG.info("Job {}: CENC sample encryption data written into {}", jobId, cenc.summary());
        }
        try {
            StreamFormat format = settings.segmenting().format();
            Path mpd = jobDir.resolve(layout.dashManifest());
            Path master = jobDir.resolve(layout.hlsMaster());
            if (!settings.isLive()) {
                SubtitleFiles.write(jobDir, layout, tracks.subtitles(), format.writesDash(),
                        format.writesHls() && Files.exists(master) ? master : null);
            }
            if (liveMpd != null) {
                liveMpd.finish(settings.removesAtExit() ? published -> { } : DashManifest::finishLive);
            } else if (format.writesDash() && !settings.removesAtExit() && Files.exists(mpd)) {
                if (settings.isLive()) {
                    DashManifest.finishLive(mpd);
                } else {
                    DashManifest.finish(mpd);
                    DashTracks.apply(mpd, layout, tracks);
                    if (cencKey != null) {
                        DashContentProtection.apply(mpd, cencKey.keyId(), cencKey.keyUri(), cencKey.contentProtection());
                    }
                }
            }
            if (format.writesHls() && !settings.removesAtExit() && Files.exists(master)) {
                synchronized (masterRewrite) {
                    HlsMasterPlaylist.finish(master, frameRate);
                    HlsMediaGroups.apply(master, layout, tracks);
                }
            }
            if (trickPlay != null && !settings.removesAtExit()) {
                synchronized (masterRewrite) { // it adds the image and I-frame streams to the master
                    trickPlay.finish();
                }
            }
            if (settings.output().thumbnails().enabled() && !settings.isLive()) {
                ThumbnailTrack.finish(jobDir, layout, settings.output().thumbnails());
            }
            if (settings.output().thumbnails().iframePlaylists() && !settings.isLive()
                && format.writesHls() && Files.exists(master)) {
                IFramePlaylists.finish(master, layout);
            }
        } catch (IOException e) {
            throw new StreamGearException("Job " + jobId + ": cannot write the subtitles: " + e.getMessage() + "."
                    + DiskSpace.fullDiskHint(jobDir, processLog), e, processLog);
        } catch (UncheckedIOException e) {
            throw new StreamGearException("Job " + jobId + ": " + e.getMessage() + ": " + e.getCause().getMessage() + "."
                    + DiskSpace.fullDiskHint(jobDir, processLog), e, processLog);
        }
        // FFmpeg's DASH muxer removes only its own files at exit: tiles, poster, tracks and the MPD the component writes
        // from FFmpeg's draft go as the HLS files do
        if (settings.removesAtExit() && (settings.segmenting().format() == StreamFormat.HLS
                                         || settings.output().thumbnails().anyImages() || liveMpd != null)) {
            OutputCollector.removeRunOutput(jobDir, before, false);
        }
    }

    /**
     * The files this run wrote, in publication order, once verified: every entry point written, no file empty, every
     * manifest and playlist parses and lists only files that are here and not empty. A live stream removed at exit has
     * nothing left to verify.
     */
    public List<OutputFile> verifiedOutput(List<String> processLog) {
        List<OutputFile> files = OutputCollector.collect(jobDir, layout, before);
        if (settings.removesAtExit()) {
            return files;
        }
        List<String> problems = OutputVerifier.problems(jobDir, files, layout.manifests());
        if (!problems.isEmpty()) {
            throw new StreamGearException("Job " + jobId + ": FFmpeg exited normally but the output of " + source
                    + " is incomplete: "
                    + String.join("; ", problems) + "." + DiskSpace.fullDiskHint(jobDir, processLog), null, processLog);
        }
        return files;
    }

    /** The job succeeded: what is still to report is reported, the held VOD manifests are published, the folder freed. */
    public void succeeded() {
        if (watcher != null) {
            watcher.close(); // after the final manifest rewrites, so every file is reported
        }
        releaseHeld();
        if (publication != null) {
            publication.release();
        }
        claim.close();
    }

    /** The job failed: every file this run wrote is removed (and reported removed), nothing held is published. */
    public void failed() {
        OutputCollector.removeRunOutput(jobDir, before, createdFolder);
        if (watcher != null) {
            watcher.close(); // after the clean-up, so what was reported is reported removed
        }
        releaseHeld();
        if (publication != null) {
            publication.discard();
        }
        claim.close();
    }

    /** Why this run's output cannot be published any more (a CENC segment that could not be completed), or null. */
    public String failure() {
        return cenc == null ? null : cenc.failure();
    }

    /** A live stream that ended abnormally keeps its files: viewers may be watching what was published. */
    public void abandoned() {
        LOG.warn("Job {}: live stream ended abnormally; its files are left as they are at {}", jobId, jobDir);
        if (liveMpd != null) {
            try {
                liveMpd.finish(published -> { }); // FFmpeg's last draft as it is, before the watcher's last listing
            } catch (UncheckedIOException e) {
                LOG.warn("Job {}: {}", jobId, e.getMessage());
            }
        }
        if (watcher != null) {
            watcher.close();
        }
        releaseHeld();
        claim.close();
    }

    /**
     * Live: each manifest version is checked before it is passed on, and the HLS master (HLS, and CMAF's written by
     * the DASH muxer) is mended as it is written (an audio-only variant removed, tags and track attributes added) and
     * FFmpeg's own version is not passed on: the watcher reports the mended one. VOD: the watcher's events go through
     * the publication, which holds manifests. CENC: an init or media segment is passed on only in its completed
     * version (the watcher reports it again once replaced: that report is not passed on twice), and its removal only if
     * it was passed on.
     */
    private void onOutput(OutputEvent event) {
        OutputFile file = event.file();
        if (cenc != null && cenc.failure() != null && settings.isLive()) {
            return; // a live version would name the segment that was not published: nothing more is, the end fails
        }
        if (cenc != null && (file.kind() == FileKind.INIT || file.kind() == FileKind.SEGMENT)) {
            if (event.type() == OutputEvent.Type.COMPLETED) {
                OutputEvent completed = cenc.completed(event);
                if (completed == null) {
                    if (cenc.failure() != null && !cencFailureLogged) {
                        cencFailureLogged = true;
                        if (liveMpd != null) {
                            liveMpd.stop(); // a consumer reading the MPD late must not find a version naming the segment
                        }
                        LOG.error("Job {}: {}; nothing more is published and the job fails", jobId, cenc.failure());
                    }
                    return;
                }
                event = completed;
                file = event.file();
            } else if (!cenc.wasPassedOn(file.name())) {
                return;
            }
        }
        if (settings.isLive() && event.type() == OutputEvent.Type.COMPLETED
                && (file.kind() == FileKind.MANIFEST || file.kind() == FileKind.PLAYLIST)) {
            if (file.name().equals(layout.hlsMaster())) {
                boolean mended;
                synchronized (masterRewrite) {
                    mended = HlsMasterPlaylist.mendLive(file.path(), frameRate);
                    mended |= HlsMediaGroups.apply(file.path(), layout, tracks);
                    mended |= trickPlay != null && HlsMasterPlaylist.mendLive(file.path(), trickPlay::mendMaster);
                }
                if (mended) {
                    return; // this event's size and stamp are FFmpeg's version's: the watcher reports the mended one
                }
            }
            String text = event.version() == null ? null : new String(event.version(), StandardCharsets.UTF_8);
            List<String> problems = text == null ? OutputVerifier.problems(jobDir, file.name())
                    : OutputVerifier.problems(jobDir, file.name(), text);
            if (!problems.isEmpty()) {
                if (text != null && file.name().equals(layout.hlsMaster())
                    && problems.stream().allMatch(OutputVerifier::isMissing)) {
                    // FFmpeg's DASH muxer writes the master once, often before every media playlist it lists: this
                    // version is passed on once they are, not dropped (no later one may come until the stream ends)
                    heldMaster = event;
                    LOG.debug("Job {}: a version of {} is held until what it lists is published: {}", jobId, file.name(),
                            String.join("; ", problems));
                } else if (text != null && OutputVerifier.listsNoSegment(file.name(), text)) {
                    // every live stream's first versions: written before its first segments are done
                    LOG.debug("Job {}: a version of {} that lists no segment yet is not published", jobId, file.name());
                } else {
                    LOG.warn("Job {}: a version of {} is not published: {}{}", jobId, file.name(),
                            String.join("; ", problems), DiskSpace.fullDiskHint(jobDir, List.of()));
                }
                return;
            }
            if (file.name().equals(layout.hlsMaster())) {
                heldMaster = null; // a newer version is passed on
            }
        }
        passOnUnlessHeld(event);
        if (file.kind() == FileKind.PLAYLIST && event.type() == OutputEvent.Type.COMPLETED) {
            passOnHeldMaster();
        }
    }

    /**
     * Passes the event on unless it is a removal held back (a file a version passed on still lists), then the removals
     * that passing it on releases.
     */
    private void passOnUnlessHeld(OutputEvent event) {
        if (removals != null && removals.hold(event)) {
            return;
        }
        passOn(event);
        if (trickPlay != null) {
            synchronized (masterRewrite) { // it may add the image and I-frame streams to the master
                trickPlay.passedOn(event);
            }
        }
        if (removals != null) {
            removals.passedOn(event).forEach(this::passOnUnlessHeld);
        }
    }

    /** The held master version, once every playlist it lists was passed on before it and is sound on disk. */
    private void passOnHeldMaster() {
        if (heldMaster == null) {
            return;
        }
        String name = heldMaster.file().name();
        String text = new String(heldMaster.version(), StandardCharsets.UTF_8);
        try {
            if (!OutputVerifier.references(name, text).stream().allMatch(removals::wasPassedOn)
                || !OutputVerifier.problems(jobDir, name, text).isEmpty()) {
                return;
            }
        } catch (IOException e) {
            return; // checked when it was held: it stays held, and the end of the stream verifies the final master
        }
        OutputEvent held = heldMaster;
        heldMaster = null;
        LOG.debug("Job {}: the held version of {} is published: what it lists is", jobId, name);
        passOnUnlessHeld(new OutputEvent(OutputEvent.Type.COMPLETED, held.file(), Instant.now(), held.version()));
    }

    private void passOn(OutputEvent event) {
        if (publication != null) {
            publication.accept(event);
        } else if (listener != null) {
            listener.accept(event);
        }
        if (cenc != null && event.type() == OutputEvent.Type.REMOVED) {
            cenc.forget(event.file().name()); // a live stream's window moves on for as long as it runs
        }
    }

    /** Removals held back are passed on when the job ends, whatever named them. */
    private void releaseHeld() {
        if (removals != null) {
            removals.releaseAll().forEach(this::passOn);
        }
    }
}
