package io.github.streamgear.engine.command;

import java.nio.file.Path;
import java.util.List;

import io.github.streamgear.engine.settings.InputPolicy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The allow-lists a live source is opened with: per scheme, and the default demuxer list widened only as needed. */
class InputGuardTest {

    private static final String PLAIN = InputPolicy.DEFAULT_DEMUXERS;

    private static List<String> guard(String source, InputPolicy policy) {
        return InputGuard.options(SourceSpec.parse(source), policy);
    }

    @Test
    void eachSchemeGetsTheProtocolsItNeeds() {
        assertEquals(List.of("-protocol_whitelist", "srt,udp", "-format_whitelist", PLAIN),
                guard("srt://127.0.0.1:9000?passphrase=x", InputPolicy.DEFAULTS));
        assertEquals(List.of("-protocol_whitelist", "rtmp,tcp", "-format_whitelist", PLAIN),
                guard("rtmp://127.0.0.1/live/x", InputPolicy.DEFAULTS));
        assertEquals(List.of("-protocol_whitelist", "udp", "-format_whitelist", PLAIN),
                guard("udp://0.0.0.0:5000", InputPolicy.DEFAULTS));
        assertEquals(List.of("-protocol_whitelist", "rtp,udp", "-format_whitelist", PLAIN),
                guard("rtp://0.0.0.0:5004", InputPolicy.DEFAULTS));
    }

    @Test
    void rtspGetsTheRtspDemuxer() {
        assertEquals(List.of("-protocol_whitelist", "rtsp,rtp,udp,tcp", "-format_whitelist", PLAIN + ",rtsp"),
                guard("rtsp://user:pw@cam/stream1", InputPolicy.DEFAULTS));
        assertEquals(List.of("-protocol_whitelist", "rtsps,rtsp,rtp,udp,tcp,tls", "-format_whitelist", PLAIN + ",rtsp"),
                guard("rtsps://cam/stream1", InputPolicy.DEFAULTS));
    }

    @Test
    void anHttpM3u8GetsTheHlsDemuxerAndNothingElseDoes() {
        assertEquals(List.of("-protocol_whitelist", "https,tls,tcp", "-format_whitelist", PLAIN + ",hls"),
                guard("https://origin/live/index.M3U8?token=abc", InputPolicy.DEFAULTS));
        assertEquals(List.of("-protocol_whitelist", "http,tcp", "-format_whitelist", PLAIN),
                guard("http://origin/movie.mp4?x=.m3u8", InputPolicy.DEFAULTS));
        assertEquals(List.of("-protocol_whitelist", "file", "-format_whitelist", PLAIN),
                InputGuard.options(SourceSpec.file(Path.of("/in/upload.m3u8")), InputPolicy.DEFAULTS));
    }

    @Test
    void aListTheUserSetIsTakenAsItIs() {
        InputPolicy mine = new InputPolicy(null, "mpegts", List.of());
        assertEquals(List.of("-protocol_whitelist", "rtsp,rtp,udp,tcp", "-format_whitelist", "mpegts"),
                guard("rtsp://cam/stream1", mine));
        assertEquals(List.of("-protocol_whitelist", "http,tcp"),
                guard("http://origin/live.m3u8", new InputPolicy(null, "all", List.of())));
    }
}
