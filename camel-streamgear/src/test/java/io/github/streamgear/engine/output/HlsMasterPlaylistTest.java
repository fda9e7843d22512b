package io.github.streamgear.engine.output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HlsMasterPlaylistTest {

    @TempDir
    Path dir;

    @Test
    void dropsTheAudioOnlyVariantAndMeasuresBandwidthFromSegments() throws Exception {
        Files.writeString(dir.resolve("manifest.m3u8"), """
                #EXTM3U
                #EXT-X-VERSION:6
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="group_audio",NAME="audio_0",DEFAULT=YES,URI="stream_audio.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=140800,CODECS="mp4a.40.2",AUDIO="group_audio"
                stream_audio.m3u8

                #EXT-X-STREAM-INF:BANDWIDTH=990000,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2",AUDIO="group_audio"
                stream_360p.m3u8

                """);
        // video: 4 s at 100 000 bytes (200 kbit/s) then 2 s at 100 000 bytes (400 kbit/s); audio: 16 kbit/s flat
        playlist("stream_360p", new double[] { 4, 2 }, new int[] { 100_000, 100_000 });
        playlist("stream_audio", new double[] { 4, 2 }, new int[] { 8_000, 4_000 });

        HlsMasterPlaylist.finish(dir.resolve("manifest.m3u8"), 30000 / 1001.0);

        List<String> expected = List.of("#EXTM3U", "#EXT-X-VERSION:6", "#EXT-X-INDEPENDENT-SEGMENTS",
                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"group_audio\",NAME=\"audio_0\",DEFAULT=YES,URI=\"stream_audio.m3u8\"",
                "#EXT-X-STREAM-INF:BANDWIDTH=416000,AVERAGE-BANDWIDTH=282667,RESOLUTION=640x360,"
                        + "CODECS=\"avc1.64001e,mp4a.40.2\",AUDIO=\"group_audio\",FRAME-RATE=29.970",
                "stream_360p.m3u8", "");
        assertEquals(expected, Files.readAllLines(dir.resolve("manifest.m3u8")));
        HlsMasterPlaylist.finish(dir.resolve("manifest.m3u8"), 30000 / 1001.0);
        assertEquals(expected, Files.readAllLines(dir.resolve("manifest.m3u8")), "idempotent");
    }

    @Test
    void liveMasterGetsTheTagsButKeepsItsBandwidths() throws Exception {
        Path master = dir.resolve("manifest.m3u8");
        Files.writeString(master, """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="group_A1",NAME="audio_2",DEFAULT=YES,URI="media_2.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=932614,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2",AUDIO="group_A1"
                media_0.m3u8
                """);
        HlsMasterPlaylist.mendLive(master, 25);
        assertEquals(List.of("#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-INDEPENDENT-SEGMENTS",
                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"group_A1\",NAME=\"audio_2\",DEFAULT=YES,URI=\"media_2.m3u8\"",
                "#EXT-X-STREAM-INF:BANDWIDTH=932614,RESOLUTION=640x360,CODECS=\"avc1.64001e,mp4a.40.2\","
                        + "AUDIO=\"group_A1\",FRAME-RATE=25.000",
                "media_0.m3u8"), Files.readAllLines(master));
    }

    @Test
    void unknownFrameRateWritesNone() {
        List<String> lines = List.of("#EXTM3U", "#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=2x2", "a.m3u8");
        assertEquals(lines, HlsMasterPlaylist.withFrameRate(lines, 0));
        assertEquals(lines, HlsMasterPlaylist.withFrameRate(lines, Double.NaN));
    }

    @Test
    void leavesAnAudioOnlyPlaylistAlone() {
        List<String> lines = List.of("#EXTM3U", "#EXT-X-STREAM-INF:BANDWIDTH=140800,CODECS=\"mp4a.40.2\"", "a.m3u8");
        assertEquals(lines, HlsMasterPlaylist.withoutAudioOnlyVariants(lines));
    }

    private void playlist(String name, double[] seconds, int[] bytes) throws Exception {
        StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:4\n");
        for (int i = 0; i < seconds.length; i++) {
            String segment = name + "_" + i + ".ts";
            Files.write(dir.resolve(segment), new byte[bytes[i]]);
            text.append("#EXTINF:").append(seconds[i]).append(",\n").append(segment).append('\n');
        }
        Files.writeString(dir.resolve(name + ".m3u8"), text.append("#EXT-X-ENDLIST\n"));
    }
}
