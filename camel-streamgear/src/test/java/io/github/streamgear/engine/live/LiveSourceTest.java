package io.github.streamgear.engine.live;

import java.nio.file.Path;
import java.util.List;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.command.PipedSourceInput;
import io.github.streamgear.engine.command.SourceSpec;
import io.github.streamgear.engine.settings.InputPolicy;
import io.github.streamgear.engine.settings.LiveOptions;
import io.github.streamgear.engine.settings.TrackSelection;
import io.github.streamgear.engine.settings.TranscodeSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a live source runs with: a file is played in real time (and looped if asked), no subtitles are carried. */
class LiveSourceTest {

    private static final TranscodeSettings LIVE = TranscodeSettings.DEFAULTS
            .withLive(new LiveOptions(6, 4, false, false, null))
            .withInput(new InputPolicy(null, InputPolicy.DEFAULT_DEMUXERS, List.of("-rtsp_transport", "tcp")));

    @Test
    void aFileIsPlayedInRealTimeAndLoopedWhenAsked() {
        SourceSpec file = SourceSpec.file(Path.of("/media/promo.mp4"));
        assertEquals(List.of("-re", "-rtsp_transport", "tcp"), LiveSource.forLive(LIVE, file, false).input().inputOptions());
        assertEquals(List.of("-re", "-stream_loop", "-1", "-rtsp_transport", "tcp"),
                LiveSource.forLive(LIVE, file, true).input().inputOptions());
    }

    @Test
    void aUrlIsReadAsItComesWithoutSubtitles() {
        TranscodeSettings s = LiveSource.forLive(LIVE, SourceSpec.parse("srt://h:9000"), false);
        assertEquals(List.of("-rtsp_transport", "tcp"), s.input().inputOptions());
        assertEquals(TrackSelection.NONE, s.tracks().subtitleTracks());
        assertEquals(TrackSelection.ALL, s.tracks().audioTracks());
    }

    @Test
    void aNetworkSourceIsRelayedByAnIngestThatCopiesItsStreamsToTheTranscoderStdin() {
        TranscodeSettings s = LiveSource.forLive(LIVE, SourceSpec.parse("srt://h:9000?passphrase=p"), false);
        List<String> ingest = PipedSourceInput.ingest(Path.of("/usr/bin/ffmpeg"), SourceSpec.parse("srt://h:9000?passphrase=p"),
                s.input());
        String argv = String.join(" ", ingest);
        assertTrue(argv.startsWith("/usr/bin/ffmpeg -hide_banner -nostdin "), argv);
        assertTrue(argv.contains("-protocol_whitelist srt,udp "), argv);
        assertTrue(argv.contains("-analyzeduration 1000000 -protocol_whitelist"), "the user's input options come later: " + argv);
        assertTrue(argv.contains("-rtsp_transport tcp -i srt://h:9000?passphrase=p -map 0:v:0 -map 0:a? -c copy"), argv);
        assertTrue(argv.endsWith("-f mpegts pipe:1"), argv);
        PipedSourceInput piped = new PipedSourceInput(false);
        assertTrue(piped.fromStdin());
        // encoded video: a short probe (the MPD's availabilityStartTime is its first muxed packet), the source's rate
        assertEquals(List.of("-dts_delta_threshold", "1", "-analyzeduration", "200000", "-protocol_whitelist", "pipe", "-f",
                "mpegts", "-i", "pipe:0"), piped.arguments());
        assertEquals(List.of("-r:v", "30000/1001"), piped.outputRate(29.97002997));
        assertEquals(List.of("-r:v", "25"), piped.outputRate(25));
        assertEquals(List.of("-r:v", "12.500"), piped.outputRate(12.5));
        assertEquals(List.of(), piped.outputRate(0));
        // copied video: FFmpeg's own probe finds the size and configuration its init segments carry
        PipedSourceInput copied = new PipedSourceInput(true);
        assertEquals(List.of("-dts_delta_threshold", "1", "-protocol_whitelist", "pipe", "-f", "mpegts", "-i", "pipe:0"),
                copied.arguments());
        assertEquals(List.of(), copied.outputRate(25));
    }

    @Test
    void loopingAUrlOrAVodSettingIsRefused() {
        StreamGearException loop = assertThrows(StreamGearException.class, () -> new LiveSource("x",
                SourceSpec.parse("rtmp://user:pw@h/live/x"), true, LIVE, Path.of("/tmp/x"), null, null, null));
        assertTrue(loop.getMessage().contains("liveLoop") && loop.getMessage().contains("user:xxxxxx@"), loop.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LiveSource("x", SourceSpec.parse("srt://h:1"), false,
                TranscodeSettings.DEFAULTS, Path.of("/tmp/x"), null, null, null));
    }
}
