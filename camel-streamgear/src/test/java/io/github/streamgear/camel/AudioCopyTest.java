package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.testing.LogCapture;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.StreamInspector.Track;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.streamgear.testing.StreamAssertions.assertStreamQuality;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the video copied, a source's AAC-LC 48 kHz stereo is copied too: the published audio packets are the source's
 * bit for bit, the stream-quality checks pass and the advertised rate is the measured one. Audio that is not fit (96
 * kHz), or an explicit {@code audioBitrate} below the source's, is encoded as before; one log line says which.
 */
class AudioCopyTest extends CamelTestSupport {

    private static final double SECONDS = 6;

    @TempDir
    Path out;

    private final LogCapture logs = new LogCapture();

    @BeforeEach
    void captureLogs() {
        logs.attach(Level.INFO);
    }

    @AfterEach
    void noProcessLeft() {
        logs.detach();
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    @Test
    void dashCopiesFitAudio() throws Exception {
        Path source = VideoCopyTest.gop50();
        transcode("format=dash&videoCodec=copy", source);
        assertEquals(1, logs.lines(Level.INFO, "the audio is copied as the video is").size(), logs.all().toString());
        Path mpd = out.resolve("gop50/manifest.mpd");
        assertStreamQuality(mpd, SECONDS, 4, true);
        Track audio = onlyAudio(mpd);
        assertEquals(audioPackets(source), audioPackets(VideoCopyTest.joined(audio, out)),
                "the audio packets are the source's");
        // the MPD's figure is measured from the segments: the source's rate plus the fMP4 boxes, not a target
        double sourceBps = Double.parseDouble(StreamInspector.ffprobe("-v", "error", "-select_streams", "a:0",
                "-show_entries", "stream=bit_rate", "-of", "csv=p=0", source.toString()).trim());
        assertTrue(audio.advertisedBps() >= audio.measuredBps() && audio.advertisedBps() < sourceBps * 1.25,
                "advertised " + audio.advertisedBps() + " bit/s, measured " + audio.measuredBps() + ", source " + sourceBps);
    }

    /** MPEG-TS segments carry AAC as ADTS: the muxer writes the headers, the raw frames stay the source's. */
    @Test
    void hlsMpegtsCopiesFitAudio() throws Exception {
        Path source = VideoCopyTest.gop50();
        transcode("format=hls&videoCodec=copy", source);
        assertEquals(1, logs.lines(Level.INFO, "the audio is copied as the video is").size(), logs.all().toString());
        Path master = out.resolve("gop50/manifest.m3u8");
        assertStreamQuality(master, SECONDS, 4, true);
        assertEquals(audioPackets(source), audioPackets(VideoCopyTest.joined(onlyAudio(master), out)),
                "the audio packets are the source's");
    }

    @Test
    void audioAt96kHzIsEncoded() throws Exception {
        Path source = out.resolve("in/hires.mp4");
        Files.createDirectories(source.getParent());
        TestMediaSupport.ffmpeg("-i", VideoCopyTest.gop50().toString(), "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=96000,aformat=channel_layouts=stereo", "-map", "0:v", "-map", "1:a",
                "-c:v", "copy", "-c:a", "aac", "-b:a", "128k", "-t", "6", source.toString());
        transcode("format=dash&videoCodec=copy", source);
        List<String> why = logs.lines(Level.INFO, "the audio is encoded");
        assertEquals(1, why.size(), logs.all().toString());
        assertTrue(why.get(0).contains("96000 Hz"), why.get(0));
        Path mpd = out.resolve("hires/manifest.mpd");
        assertStreamQuality(mpd, SECONDS, 4, true);
        assertNotEquals(audioPackets(source), audioPackets(VideoCopyTest.joined(onlyAudio(mpd), out)), "encoded");
    }

    /** The option is the most the audio may cost: a source above it is encoded to it, not copied. */
    @Test
    void explicitAudioBitrateBelowTheSourceIsEncoded() throws Exception {
        Path source = VideoCopyTest.gop50();
        transcode("format=dash&videoCodec=copy&audioBitrate=48k", source);
        List<String> why = logs.lines(Level.INFO, "the audio is encoded");
        assertEquals(1, why.size(), logs.all().toString());
        assertTrue(why.get(0).contains("more than audioBitrate=48k"), why.get(0));
        Track audio = onlyAudio(out.resolve("gop50/manifest.mpd"));
        assertTrue(audio.measuredBps() < 60_000, "encoded at 48k: " + audio.measuredBps());
    }

    /** Copied AAC under encryption is not tested yet: an encrypted output keeps the encode. */
    @Test
    void encryptedOutputEncodesTheAudio() throws Exception {
        transcode("format=hls&videoCodec=copy&encryption=aes-128&keyUri=https://keys.example/{kid}", VideoCopyTest.gop50());
        List<String> why = logs.lines(Level.INFO, "the audio is encoded");
        assertEquals(1, why.size(), logs.all().toString());
        assertTrue(why.get(0).contains("encryption=aes-128 is set"), why.get(0));
    }

    private static Track onlyAudio(Path manifest) throws Exception {
        List<Track> audio = StreamInspector.readTracks(manifest).stream().filter(Track::audio).toList();
        assertEquals(1, audio.size(), "one audio track in " + manifest);
        return audio.get(0);
    }

    /** Size and MD5 of every audio packet as raw AAC (ADTS headers taken off, as MP4 stores it). */
    static List<String> audioPackets(Path media) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-i", media.toString(),
                "-map", "0:a:0", "-c", "copy", "-bsf:a", "aac_adtstoasc", "-f", "framemd5", "-").start();
        String text = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(0, p.waitFor(), "framemd5 of " + media + ": " + err);
        List<String> packets = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split(",");
                packets.add(f[4].trim() + " " + f[5].trim());
            }
        }
        assertTrue(packets.size() >= 200, "audio packets of " + media + ": " + packets.size());
        return packets;
    }

    private void transcode(String options, Path source) {
        Exchange result = template.request("streamgear:test?outputDir=" + out + "&" + options,
                e -> e.getIn().setBody(source.toFile()));
        if (result.getException() != null) {
            throw new AssertionError("transcode failed", result.getException());
        }
    }
}
