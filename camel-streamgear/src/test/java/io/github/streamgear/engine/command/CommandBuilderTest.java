package io.github.streamgear.engine.command;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.LadderPlanner;
import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.InputPolicy;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.TranscodeSettings;
import io.github.streamgear.engine.tracks.TrackPlan;
import io.github.streamgear.engine.tracks.TrackPlanner;
import io.github.streamgear.testing.TestSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandBuilderTest {

    private static final MediaInfo HD = new MediaInfo(1280, 720, 30, 20, "h264", true, "aac", "mov,mp4,m4a,3gp,3g2,mj2");

    private List<String> build(TranscodeSettings s, MediaInfo media, SourceSpec source) {
        Ladder ladder = new LadderPlanner(s.encoding().bitsPerPixel()).plan(media.width(), media.height(), media.fps(),
                s.encoding().extraRenditions());
        TrackPlan tracks = new TrackPlanner(s.tracks(), s.encoding()).plan(media, List.of());
        OutputLayout layout = new OutputLayout(s.segmenting(), ladder, tracks);
        return CommandBuilder.forSource(Path.of("/usr/bin/ffmpeg"), source, media, ladder, tracks, layout, s);
    }

    private static String after(List<String> argv, String option) {
        return argv.get(argv.indexOf(option) + 1);
    }

    @Test
    void dashDecodesOnceSplitsCapsBitratesAndAlignsKeyframes() {
        TranscodeSettings s = TestSettings.streams("640x360@800k,426x240@400k").build();
        List<String> argv = build(s, HD, SourceSpec.file(Path.of("/in/movie.mp4")));

        assertEquals(1, Collections.frequency(argv, "-i"), "one input, decoded once");
        assertEquals("[0:v:0]format=yuv420p,split=3[s0][s1][s2];[s0]scale=1280:720,setdar=1280/720,format=yuv420p[v0];"
                + "[s1]scale=640:360,setdar=1280/720,format=yuv420p[v1];[s2]scale=426:240,setdar=1280/720,format=yuv420p[v2]",
                after(argv, "-filter_complex"));
        assertEquals("2765k", after(argv, "-b:v:0"));
        assertEquals("2765k", after(argv, "-maxrate:v:0"));
        assertEquals("800k", after(argv, "-maxrate:v:1"));
        assertEquals("800k", after(argv, "-bufsize:v:2"));
        assertEquals("560000", after(argv, "-rc_init_occupancy:v:2"), "the buffer starts 70% full, not x264's 90%");
        assertFalse(argv.contains("-crf"), "no CRF: it would override the advertised bitrates");
        assertEquals("expr:gte(t,n_forced*4)", after(argv, "-force_key_frames"));
        assertEquals("0", after(argv, "-sc_threshold"));
        assertEquals("60", after(argv, "-g"));
        assertEquals(1, Collections.frequency(argv, "0:a:0"), "audio mapped once");
        assertEquals("id=0,streams=v id=1,streams=a", after(argv, "-adaptation_sets"));
        assertEquals("manifest.mpd", argv.get(argv.size() - 1));
        assertFalse(argv.contains("-hls_playlist"));
    }

    @Test
    void hlsSharesOneAudioRenditionGroup() {
        TranscodeSettings s = TestSettings.streams("640x360").format(StreamFormat.HLS)
                .hlsSegmentType(HlsSegmentType.FMP4).segmentDuration(6).build();
        List<String> argv = build(s, HD, SourceSpec.file(Path.of("/in/movie.mp4")));
        assertEquals("v:0,agroup:audio,name:720p v:1,agroup:audio,name:360p a:0,agroup:audio,name:audio",
                after(argv, "-var_stream_map"));
        assertEquals("fmp4", after(argv, "-hls_segment_type"));
        assertEquals("stream_%v_%05d.m4s", after(argv, "-hls_segment_filename"));
        assertEquals("manifest.m3u8", after(argv, "-master_pl_name"));
        assertEquals("6", after(argv, "-hls_time"));
        assertEquals("expr:gte(t,n_forced*6)", after(argv, "-force_key_frames"));
        assertEquals("stream_%v.m3u8", argv.get(argv.size() - 1));
    }

    @Test
    void hlsWithoutAudioHasNoAudioGroup() {
        MediaInfo silent = new MediaInfo(640, 360, 25, 10, "h264", false, null, "mov");
        TranscodeSettings s = TestSettings.streams("").format(StreamFormat.HLS).build();
        List<String> argv = build(s, silent, SourceSpec.file(Path.of("/in/a.mp4")));
        assertEquals("v:0,name:360p", after(argv, "-var_stream_map"));
        assertFalse(argv.contains("0:a:0"));
        assertFalse(argv.contains("-c:a"));
    }

    @Test
    void cmafIsOneDashEncodeWithAnHlsMasterOverTheSameSegments() {
        TranscodeSettings s = TestSettings.streams("").format(StreamFormat.CMAF).manifestName("index").build();
        List<String> argv = build(s, HD, SourceSpec.file(Path.of("/in/a.mp4")));
        assertEquals("dash", after(argv, "-f"));
        assertEquals("1", after(argv, "-hls_playlist"));
        assertEquals("index.m3u8", after(argv, "-hls_master_name"));
        assertEquals("index.mpd", argv.get(argv.size() - 1));
    }

    @Test
    void userOptionsGoBeforeTheInputAndAfterTheGeneratedOutputOptions() {
        TranscodeSettings s = TestSettings.streams("").inputOptions(List.of("-hwaccel", "auto"))
                .outputOptions(List.of("-tune", "film")).build();
        List<String> argv = build(s, HD, SourceSpec.file(Path.of("/in/a.mp4")));
        assertTrue(argv.indexOf("-hwaccel") < argv.indexOf("-i"));
        assertTrue(argv.indexOf("-tune") > argv.indexOf("-adaptation_sets"));
        assertEquals(argv.size() - 1, argv.indexOf("film") + 1, "user output options come right before the output");
    }

    @Test
    void sourcesAreOpenedWithAllowListsMatchingTheirScheme() {
        InputPolicy s = InputPolicy.DEFAULTS;
        List<String> local = InputGuard.options(SourceSpec.parse("/in/a.mp4"), s);
        assertEquals(List.of("-protocol_whitelist", "file", "-format_whitelist", InputPolicy.DEFAULT_DEMUXERS), local);
        List<String> https = InputGuard.options(SourceSpec.parse("https://cdn.example/a.mp4"), s);
        assertEquals("https,tls,tcp", https.get(1));
        List<String> trusted = InputGuard.options(SourceSpec.parse("https://cdn.example/live.m3u8"),
                new InputPolicy("https,tls,tcp,crypto", "all", List.of()));
        assertEquals(List.of("-protocol_whitelist", "https,tls,tcp,crypto"), trusted);
    }

    @Test
    void audioIsDownmixedOnlyWhenAskedTo() {
        List<String> kept = build(TranscodeSettings.DEFAULTS, HD, SourceSpec.file(Path.of("/in/a.mp4")));
        assertFalse(kept.contains("-ac"), "the source's channels by default");
        List<String> stereo = build(TestSettings.streams("").audioChannels(2).build(), HD, SourceSpec.file(Path.of("/in/a.mp4")));
        assertEquals("2", after(stereo, "-ac"));
        assertTrue(stereo.indexOf("-ac") > stereo.indexOf("-c:a"), "an audio encoding option");
    }

    @Test
    void gopIsTwoSecondsButNeverLongerThanASegment() {
        assertEquals(60, VideoTracks.gop(TranscodeSettings.DEFAULTS, 30));
        assertEquals(58, VideoTracks.gop(TranscodeSettings.DEFAULTS, 29.0));
        assertEquals(30, VideoTracks.gop(TestSettings.streams("").segmentDuration(1).build(), 30));
        assertEquals(48, VideoTracks.gop(TestSettings.streams("").gop(48).build(), 30));
    }
}
