package io.github.streamgear.engine.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.streamgear.engine.frames.FrameFormat;
import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.engine.job.CopiedPrimary;
import io.github.streamgear.engine.ladder.CopiedVideo;
import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.LadderPlanner;
import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.protection.ContentKey;
import io.github.streamgear.engine.protection.JobProtection;
import io.github.streamgear.engine.settings.Encryption;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.LiveOptions;
import io.github.streamgear.engine.settings.RateControl;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.TranscodeSettings;
import io.github.streamgear.engine.tracks.SidecarSubtitle;
import io.github.streamgear.engine.tracks.TrackPlan;
import io.github.streamgear.engine.tracks.TrackPlanner;
import io.github.streamgear.engine.probe.AudioStream;
import io.github.streamgear.engine.probe.SubtitleStream;
import io.github.streamgear.testing.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden argv: the exact FFmpeg argument list {@link CommandBuilder} builds for each case below, recorded one argument
 * per line in {@code src/test/resources/golden-argv/CASE.txt}. A refactor of the command, settings, ladder or layout
 * classes must leave every one of them unchanged, unless the change is meant.
 * <p>
 * By default the test compares. To record a meant change, rewrite the files and review their diff in git:
 * {@code mvn -pl camel-streamgear test -Dtest=GoldenArgvTest -Dgolden.update=true}. The argv is built the way the
 * engine builds it ({@code Transcoder}, {@code FrameSession}), from a {@link MediaInfo} written here instead of probed,
 * with fixed paths; no FFmpeg runs. The paths are POSIX ones: run it on Linux or macOS.
 */
class GoldenArgvTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden-argv");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    private static final SourceSpec MOVIE = SourceSpec.file(Path.of("/in/movie.mp4"));
    private static final MediaInfo HD = new MediaInfo(1280, 720, 30, 20, "h264", true, "aac", "mov,mp4,m4a,3gp,3g2,mj2");
    /** A film: English stereo (default), French 5.1, English commentary; SubRip, ASS and a DVD bitmap subtitle. */
    private static final MediaInfo FILM = new MediaInfo(1280, 720, 24, 20, "h264", true, "aac", "matroska,webm",
            List.of(new AudioStream(1, "eng", null, 2, true, false, false), new AudioStream(2, "fre", "Français 5.1", 6, false,
                    false, false), new AudioStream(3, "eng", "Director", 2, false, true, false)),
            List.of(new SubtitleStream(4, "subrip", "eng", null, false, false), new SubtitleStream(5, "ass", "fra", null, true,
                    false), new SubtitleStream(6, "dvd_subtitle", "eng", null, false, false)));
    private static final List<SidecarSubtitle> GERMAN = List.of(new SidecarSubtitle(Path.of("/in/movie.de.srt"), "de", false));
    /** {@link #HD} with its audio probed in full: AAC-LC, 48 kHz stereo, 128 kbit/s. */
    private static final MediaInfo HD_AAC = new MediaInfo(1280, 720, 30, 20, "h264", true, "aac", "mov,mp4,m4a,3gp,3g2,mj2",
            List.of(new AudioStream(1, "eng", null, 2, true, false, false, new AudioStream.Coding("aac", "LC", 48_000,
                    "stereo", 128))), List.of());
    private static final MediaInfo SILENT = new MediaInfo(640, 360, 25, 10, "h264", false, null, "mov,mp4,m4a,3gp,3g2,mj2");
    private static final FrameFormat BGR24_720P = new FrameFormat(1280, 720, PixelFormat.BGR24, 25);

    record Case(String name, Supplier<List<String>> argv) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("dash", () -> source(settings("640x360@800k"), HD, MOVIE)),
                new Case("dash-film-tracks", () -> source(settings("640x360"), FILM, MOVIE, GERMAN)),
                new Case("hls-film-tracks", () -> source(settings("640x360").format(StreamFormat.HLS), FILM, MOVIE, GERMAN)),
                new Case("hls-film-english-stereo", () -> source(settings("").format(StreamFormat.HLS).audioTracks("en")
                        .audioChannels(2), FILM, MOVIE, GERMAN)),
                new Case("hls-mpegts", () -> source(settings("640x360@800k").format(StreamFormat.HLS), HD, MOVIE)),
                new Case("hls-fmp4", () -> source(settings("640x360").format(StreamFormat.HLS)
                        .hlsSegmentType(HlsSegmentType.FMP4).segmentDuration(6), HD, MOVIE)),
                new Case("cmaf", () -> source(settings("").format(StreamFormat.CMAF).manifestName("index"), HD, MOVIE)),
                // as Transcoder adds the key (JobProtection): a fixed test key, not one anybody uses
                new Case("dash-cenc", () -> JobProtection.cencArguments(source(settings("640x360@800k"), HD, MOVIE),
                        "manifest.mpd", new ContentKey(HexFormat.of().parseHex("00112233445566778899aabbccddeeff"),
                                HexFormat.of().parseHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0"), null, null))),
                new Case("odd-size", () -> source(settings("320x180"),
                        new MediaInfo(641, 361, 25, 12, "h264", true, "aac", "matroska,webm"),
                        SourceSpec.file(Path.of("/in/odd.mkv")))),
                new Case("dash-no-audio", () -> source(settings("320x180"), SILENT, MOVIE)),
                new Case("hls-no-audio", () -> source(settings("320x180").format(StreamFormat.HLS), SILENT, MOVIE)),
                new Case("url-source", () -> source(settings(""), HD, SourceSpec.parse("https://cdn.example/in/movie.mp4"))),
                new Case("frames", () -> frames(settings("640x360"), BGR24_720P, null)),
                new Case("frames-audio-file", () -> frames(settings("640x360"), BGR24_720P,
                        SourceSpec.file(Path.of("/in/music.m4a")))),
                // 29.97 fps frames, HLS, an audio URL (not looped) and a raw input option (input.X) before the frames
                new Case("frames-audio-url", () -> frames(settings("").format(StreamFormat.HLS)
                        .inputOptions(List.of("-use_wallclock_as_timestamps", "1")),
                        new FrameFormat(640, 360, PixelFormat.BGR24, 29.97), SourceSpec.parse("https://radio.example/live.aac"))),
                // a trusted live URL: allowedDemuxers=all drops the demuxer allow-list
                new Case("live-dash", () -> source(settings("640x360").live(new LiveOptions(6, 4, false, false, null)).allowed(null, "all"),
                        live(HD), SourceSpec.parse("rtmp://ingest.example/live/cam1"))),
                new Case("live-hls", () -> source(settings("640x360").format(StreamFormat.HLS).segmentDuration(2)
                        .live(new LiveOptions(5, 0, true, false, null)), live(HD),
                        SourceSpec.parse("rtsp://camera.example/stream1"))),
                // live tiles and a poster chosen once from 3 s in (-frames:v 1: its repeats are not published again)
                new Case("live-hls-thumbnails", () -> source(settings("").format(StreamFormat.HLS).segmentDuration(2)
                        .live(new LiveOptions(5, 0, false, false, null))
                        .thumbnails(io.github.streamgear.engine.settings.Thumbnails.of(true, 2, 160, "2x2", true, true)),
                        live(HD), SourceSpec.parse("rtsp://camera.example/stream1"))),
                // an HLS source: the hls demuxer is added to the default allow-list for an http(s) .m3u8 URL only
                new Case("live-from-hls-source", () -> source(settings("").format(StreamFormat.HLS).segmentDuration(2)
                        .live(new LiveOptions(6, 4, false, false, null)), live(HD),
                        SourceSpec.parse("https://origin.example/live/index.m3u8?token=abc"))),
                // FFmpeg writes the MPD to a hidden draft: the component publishes each version with the CENC signalling
                new Case("live-cmaf-cenc", () -> JobProtection.cencArguments(source(settings("").format(StreamFormat.CMAF)
                        .segmentDuration(2).live(new LiveOptions(6, 4, false, false, null))
                        .protection(new io.github.streamgear.engine.settings.Protection(Encryption.CENC,
                                "https://licence.example/{kid}")), live(HD), SourceSpec.parse("srt://ingest.example:9000")),
                        ".manifest.ffmpeg.mpd", new ContentKey(HexFormat.of().parseHex("00112233445566778899aabbccddeeff"),
                                HexFormat.of().parseHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0"), null, null))),
                // a live source packaged as it comes: segments cut at its keyframes, audio encoded
                new Case("live-copy-cmaf", () -> source(settings("").format(StreamFormat.CMAF).segmentDuration(2)
                        .videoCodec("copy", "veryfast").live(new LiveOptions(6, 4, false, false, null)), live(HD),
                        SourceSpec.parse("srt://ingest.example:9000"))),
                // a network source as LiveSource runs it, relayed on stdin by its ingest: encoded video probes a fifth
                // of a second (the MPD's availabilityStartTime is the first muxed packet) and is given the source's rate
                new Case("live-piped-dash", () -> piped(settings("640x360").live(new LiveOptions(6, 4, false, false, null)),
                        live(HD))),
                // copied video keeps FFmpeg's default probe: its init segments carry what the probe found
                new Case("live-piped-copy-cmaf", () -> piped(settings("").format(StreamFormat.CMAF).segmentDuration(2)
                        .videoCodec("copy", "veryfast").live(new LiveOptions(6, 4, false, false, null)), live(HD))),
                new Case("live-ll-cmaf", () -> source(settings("640x360").format(StreamFormat.CMAF).segmentDuration(2)
                        .live(new LiveOptions(6, 4, false, true, null)), live(HD),
                        SourceSpec.parse("srt://ingest.example:9000"))),
                new Case("live-ll-cmaf-utc", () -> source(settings("640x360").format(StreamFormat.CMAF).segmentDuration(1)
                        .live(new LiveOptions(4, 2, true, true, "https://time.example/?iso")), live(HD),
                        SourceSpec.parse("srt://ingest.example:9000"))),
                // copyPrimary=auto with a fit live source (H.264 High, yuv420p): rendition 0 copied, the others encoded
                // with a keyframe on each of the source's (-force_key_frames source), a minute's GOP
                new Case("live-copied-primary-cmaf", () -> liveCopiedPrimary(settings("640x360,426x240")
                        .format(StreamFormat.CMAF).segmentDuration(2).live(new LiveOptions(6, 4, false, false, null)),
                        new MediaInfo(1280, 720, 30, 0, "h264", true, "aac", "mpegts", live(HD).audioStreams(), List.of(),
                                "High", "yuv420p", 0), SourceSpec.parse("srt://ingest.example:9000"))),
                // explicit and estimated bitrates; 3840x2160 (upscale) and the second 640x360 are dropped, 480x480 is
                // fitted to 480x270
                new Case("ladder", () -> source(
                        settings("1280x720@3000k,854x480,640x360@800k,426x240,3840x2160,640x360@700k,480x480"),
                        new MediaInfo(1920, 1080, 29.97, 60, "h264", true, "aac", "mov,mp4,m4a,3gp,3g2,mj2"), MOVIE)),
                // what input.hwaccel=auto&input.re=&ffmpeg.tune=film&ffmpeg.threads=4 give (StreamGearConfiguration)
                new Case("raw-options", () -> source(settings("640x360").inputOptions(List.of("-hwaccel", "auto", "-re"))
                        .outputOptions(List.of("-tune", "film", "-threads", "4")), HD, MOVIE)),
                new Case("x265", () -> source(settings("640x360@600k").format(StreamFormat.HLS)
                        .hlsSegmentType(HlsSegmentType.FMP4).videoCodec("libx265", "medium"), HD, MOVIE)),
                // capped quality: -crf per rendition (x264's default level) under the same caps as capped-vbr
                new Case("capped-quality", () -> source(settings("640x360,426x240")
                        .rateControl(RateControl.CAPPED_QUALITY, 0), HD, MOVIE)),
                // not x264/x265: no -preset, no -x265-params; an explicit GOP; other audio
                new Case("other-encoder", () -> source(settings("").videoCodec("h264_nvenc", "p4").gop(50)
                        .audio("libopus", "96k"), HD, MOVIE)),
                // videoCodec=copy: the source's video mapped and copied (no graph, no keyframe options), audio encoded
                new Case("copy-dash", () -> source(settings("").videoCodec("copy", "veryfast"), HD, MOVIE)),
                new Case("copy-hls-film-tracks", () -> source(settings("").format(StreamFormat.HLS)
                        .videoCodec("copy", "veryfast"), FILM, MOVIE, GERMAN)),
                // copyPrimary=auto on a source with a keyframe every 2 s: rendition 0 copied, the others encoded with
                // keyframes at the source's (as SourcePlan decides it from the probed keyframes)
                new Case("copied-primary-hls", () -> copiedPrimary(settings("640x360@800k,426x240@400k")
                        .format(StreamFormat.HLS), HD, List.of(0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0))),
                // the video copied and the source's AAC-LC 48 kHz stereo at 128k fit: the audio copied too, the MP4
                // sample entry named in fMP4 segments, ADTS turned into raw AAC (AudioCopy)
                new Case("copy-dash-audio-copied", () -> source(settings("").videoCodec("copy", "veryfast"), HD_AAC, MOVIE)),
                new Case("copy-hls-audio-copied", () -> source(settings("").format(StreamFormat.HLS)
                        .videoCodec("copy", "veryfast"), HD_AAC, MOVIE)),
                new Case("copied-primary-dash-audio-copied", () -> copiedPrimary(settings("640x360@800k,426x240@400k"),
                        HD_AAC, List.of(0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0))),
                // the same source with an explicit audioBitrate below the source's: encoded at the option's rate
                new Case("copy-dash-audio-bitrate-64k", () -> source(settings("").videoCodec("copy", "veryfast")
                        .audio("aac", "64k"), HD_AAC, MOVIE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void argvIsUnchanged(Case c) throws IOException {
        List<String> actual = c.argv().get();
        assertTrue(actual.stream().noneMatch(a -> a.contains("\n")), "one argument per line: none may hold a line break");
        Path file = GOLDEN.resolve(c.name() + ".txt");
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, String.join("\n", actual) + "\n");
        }
        assertTrue(Files.isRegularFile(file), () -> file.toAbsolutePath() + " is missing: record it with -Dgolden.update=true");
        List<String> expected = Files.readAllLines(file);
        assertEquals(expected, actual, () -> diff(file, expected, actual));
    }

    /** A renamed or removed case takes its file with it (the update deletes the files of cases that are gone). */
    @Test
    void everyGoldenFileHasACase() throws IOException {
        List<String> names = cases().map(c -> c.name() + ".txt").sorted().toList();
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(GOLDEN)) {
            files = list.sorted().toList();
        }
        if (UPDATE) {
            for (Path file : files) {
                if (!names.contains(file.getFileName().toString())) {
                    Files.delete(file);
                }
            }
            return;
        }
        assertEquals(names, files.stream().map(p -> p.getFileName().toString()).toList(),
                "the files in " + GOLDEN.toAbsolutePath() + " are not the cases' ones");
    }

    /** Default settings with these extra renditions ({@code streams} option, e.g. {@code 640x360@800k,426x240}). */
    private static TestSettings settings(String streams) {
        return TestSettings.streams(streams);
    }

    /** A live source has no duration. */
    private static MediaInfo live(MediaInfo media) {
        return new MediaInfo(media.width(), media.height(), media.fps(), 0, media.videoCodec(), media.hasAudio(),
                media.audioCodec(), "flv");
    }

    /** As {@code Transcoder} builds it. */
    private static List<String> source(TestSettings b, MediaInfo media, SourceSpec source) {
        return source(b, media, source, List.of());
    }

    private static List<String> source(TestSettings b, MediaInfo media, SourceSpec source, List<SidecarSubtitle> sidecars) {
        TranscodeSettings s = b.build();
        LadderPlanner planner = new LadderPlanner(s.encoding().bitsPerPixel());
        Ladder ladder = s.encoding().copiesVideo() ? planner.copied(media.width(), media.height(), media.fps(), media.videoCodec())
                : planner.plan(media.width(), media.height(), media.fps(), s.encoding().extraRenditions());
        TrackPlan tracks = audio(s, media, new TrackPlanner(s.tracks(), s.encoding()).plan(media, sidecars), ladder);
        OutputLayout layout = OutputLayout.of(s, ladder, tracks);
        return CommandBuilder.forSource(FFMPEG, source, media, ladder, tracks, layout, s);
    }

    /** As {@code LiveSource} builds the transcoder of a relayed network source. */
    private static List<String> piped(TestSettings b, MediaInfo media) {
        TranscodeSettings s = b.build();
        LadderPlanner planner = new LadderPlanner(s.encoding().bitsPerPixel());
        Ladder ladder = s.encoding().copiesVideo() ? planner.copied(media.width(), media.height(), media.fps(), media.videoCodec())
                : planner.plan(media.width(), media.height(), media.fps(), s.encoding().extraRenditions());
        TrackPlan tracks = audio(s, media, new TrackPlanner(s.tracks(), s.encoding()).plan(media, List.of()), ladder);
        return CommandBuilder.forPipedSource(FFMPEG, media, ladder, tracks, OutputLayout.of(s, ladder, tracks), s);
    }

    /** As {@code SourcePlan} builds it for {@code copyPrimary=auto} when the source is fit for it. */
    private static List<String> copiedPrimary(TestSettings b, MediaInfo media, List<Double> keyframes) {
        TranscodeSettings s = b.build();
        Ladder planned = new LadderPlanner(s.encoding().bitsPerPixel()).plan(media.width(), media.height(), media.fps(),
                s.encoding().extraRenditions());
        Ladder ladder = LadderPlanner.withCopiedPrimary(planned, media.width(), media.height(),
                new CopiedVideo(media.videoCodec(), keyframes, 61));
        TrackPlan tracks = audio(s, media, new TrackPlanner(s.tracks(), s.encoding()).plan(media, List.of()), ladder);
        OutputLayout layout = new OutputLayout(s.segmenting(), ladder, tracks);
        return CommandBuilder.forSource(FFMPEG, MOVIE, media, ladder, tracks, layout, s);
    }

    /** As {@code SourcePlan} builds it for {@code copyPrimary=auto} with a live source fit for it. */
    private static List<String> liveCopiedPrimary(TestSettings b, MediaInfo media, SourceSpec source) {
        TranscodeSettings s = b.build();
        Ladder planned = new LadderPlanner(s.encoding().bitsPerPixel()).plan(media.width(), media.height(), media.fps(),
                s.encoding().extraRenditions());
        CopiedPrimary.Decision decision = CopiedPrimary.decideLive(media, s.segmenting(), 0);
        assertTrue(decision.copied() != null, () -> "not copied: " + decision.reason());
        Ladder ladder = LadderPlanner.withCopiedPrimary(planned, media.width(), media.height(), decision.copied());
        TrackPlan tracks = new TrackPlanner(s.tracks(), s.encoding()).plan(media, List.of());
        return CommandBuilder.forSource(FFMPEG, source, media, ladder, tracks, OutputLayout.of(s, ladder, tracks), s);
    }

    /** As {@code SourcePlan} decides it: the audio copied when the video is and {@link AudioCopy} finds it fit. */
    private static TrackPlan audio(TranscodeSettings s, MediaInfo media, TrackPlan tracks, Ladder ladder) {
        return ladder.copied() != null && !s.isLive() && AudioCopy.decide(s.encoding(), media, tracks).copy()
                ? tracks.withAudioCopied() : tracks;
    }

    /** As {@code FrameSession} builds it. */
    private static List<String> frames(TestSettings b, FrameFormat format, SourceSpec audio) {
        TranscodeSettings s = b.build();
        Ladder ladder = new LadderPlanner(s.encoding().bitsPerPixel()).plan(format.width(), format.height(),
                format.framerate(), s.encoding().extraRenditions());
        TrackPlan tracks = audio == null ? TrackPlan.NONE
                : new TrackPlanner(s.tracks(), s.encoding()).external(new AudioStream(0, null, null, 2, true, false, false));
        OutputLayout layout = new OutputLayout(s.segmenting(), ladder, tracks);
        return CommandBuilder.forFrames(FFMPEG, format.asInput(s.input().inputOptions()), audio, ladder, tracks, layout, s);
    }

    /**
     * The lines that differ, as a unified diff shows them ({@code -} golden, {@code +} built now, line numbers of the
     * golden file and of the new argv), with the unchanged line on each side of a change for context.
     */
    static String diff(Path file, List<String> expected, List<String> actual) {
        int n = expected.size();
        int m = actual.size();
        int[][] common = new int[n + 1][m + 1]; // longest common subsequence of expected[i..] and actual[j..]
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = expected.get(i).equals(actual.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder(file + " differs from the argv built now (- golden, + now). If the change"
                + " is meant, rerun with -Dgolden.update=true and review the file's diff.\n");
        int i = 0;
        int j = 0;
        boolean changed = false;
        while (i < n || j < m) {
            if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
                boolean atEnd = i + 1 == n && j + 1 == m;
                boolean nextChanges = !atEnd && !(i + 1 < n && j + 1 < m && expected.get(i + 1).equals(actual.get(j + 1)));
                if (changed || nextChanges) {
                    out.append(String.format("  %3d      %s%n", i + 1, expected.get(i)));
                }
                changed = false;
                i++;
                j++;
            } else {
                if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                    out.append(String.format("- %3d      %s%n", i + 1, expected.get(i++)));
                } else {
                    out.append(String.format("+      %3d %s%n", j + 1, actual.get(j++)));
                }
                changed = true;
            }
        }
        return out.toString();
    }
}
