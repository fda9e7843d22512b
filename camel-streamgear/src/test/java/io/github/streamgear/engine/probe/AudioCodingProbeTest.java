package io.github.streamgear.engine.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the probe keeps of an audio stream's coding, from ffprobe's JSON as it prints it for MP4 and Matroska. */
class AudioCodingProbeTest {

    private static final String VIDEO = "{\"index\":0,\"codec_type\":\"video\",\"codec_name\":\"h264\",\"width\":640,"
            + "\"height\":360,\"avg_frame_rate\":\"25/1\"}";

    @Test
    void mp4AudioHasItsBitrate() throws Exception {
        AudioStream a = audio("{\"index\":1,\"codec_type\":\"audio\",\"codec_name\":\"aac\",\"profile\":\"LC\","
                + "\"sample_rate\":\"48000\",\"channels\":2,\"channel_layout\":\"stereo\",\"bit_rate\":\"128341\"}");
        assertEquals(new AudioStream.Coding("aac", "LC", 48_000, "stereo", 128), a.coding());
    }

    /** Matroska has no stream bitrate; mkvmerge writes it as the statistics tag BPS. */
    @Test
    void matroskaAudioHasItsStatisticsTag() throws Exception {
        AudioStream a = audio("{\"index\":1,\"codec_type\":\"audio\",\"codec_name\":\"aac\",\"profile\":\"LC\","
                + "\"sample_rate\":\"44100\",\"channels\":1,\"channel_layout\":\"mono\",\"tags\":{\"BPS\":\"96000\"}}");
        assertEquals(new AudioStream.Coding("aac", "LC", 44_100, "mono", 96), a.coding());
    }

    @Test
    void unknownBitrateIsZero() throws Exception {
        AudioStream a = audio("{\"index\":1,\"codec_type\":\"audio\",\"codec_name\":\"mp3\",\"sample_rate\":\"44100\","
                + "\"channels\":2}");
        assertEquals(new AudioStream.Coding("mp3", "", 44_100, "", 0), a.coding());
    }

    private static AudioStream audio(String stream) throws Exception {
        String json = "{\"streams\":[" + VIDEO + "," + stream + "],\"format\":{\"duration\":\"6.0\","
                      + "\"format_name\":\"mov,mp4,m4a,3gp,3g2,mj2\"}}";
        return MediaProbe.parse(new ObjectMapper().readTree(json), "test").audioStreams().get(0);
    }
}
