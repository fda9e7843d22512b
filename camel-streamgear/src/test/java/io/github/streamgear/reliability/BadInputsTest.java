package io.github.streamgear.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.testing.TestFrames;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Sources a watch folder or an upload endpoint really receives: missing, empty, damaged, misleading, hostile. Each
 * either fails its exchange with a StreamGearException that names the problem, leaving and publishing nothing, or (where
 * both are honest) produces a complete stream. Content cases run twice: as a File, and as an InputStream body that the
 * component spools to a temporary file (which must not outlive the job).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one CamelContext: FFmpeg is located once
class BadInputsTest extends ReliabilitySupport {

    enum Body { FILE, STREAM }

    static Stream<Arguments> unusableContent() {
        return Stream.of("text-named-mp4", "faststart-cut-at-1%", "faststart-cut-at-30%", "moov-at-end-cut-at-50%",
                        "audio-only", "png-named-mp4", "jpeg-named-mp4", "zero-duration", "huge-dimension-claims",
                        "hls-playlist-to-local-file", "concat-list")
                .flatMap(k -> Stream.of(Arguments.of(k, Body.FILE), Arguments.of(k, Body.STREAM)));
    }

    /** Content that cannot be transcoded into what it pretends to be. */
    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("unusableContent")
    void unusableContentFailsCleanly(String kind, Body as) throws Exception {
        Path source = switch (kind) {
            case "text-named-mp4" -> Files.writeString(in.resolve("notes.mp4"), "not a video, just text\n".repeat(200));
            case "faststart-cut-at-1%" -> BadMedia.cut(BadMedia.clip(), 1, in);
            case "faststart-cut-at-30%" -> BadMedia.cut(BadMedia.clip(), 30, in);
            case "moov-at-end-cut-at-50%" -> BadMedia.cut(BadMedia.clipMoovAtEnd(), 50, in);
            case "audio-only" -> Files.copy(BadMedia.audioOnly(), in.resolve("song.mp4"));
            case "png-named-mp4" -> Files.copy(BadMedia.pngNamedMp4(), in.resolve("picture.mp4"));
            case "jpeg-named-mp4" -> Files.copy(BadMedia.jpegNamedMp4(), in.resolve("photo.mp4"));
            case "zero-duration" -> Files.copy(BadMedia.zeroDuration(), in.resolve("nothing.mp4"));
            case "huge-dimension-claims" -> BadMedia.hugeDimensionClaims(in);
            case "hls-playlist-to-local-file" -> Files.writeString(in.resolve("upload.mp4"),
                    "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile:/etc/passwd\n#EXTINF:2,\n/etc/hostname\n#EXT-X-ENDLIST\n");
            case "concat-list" -> Files.writeString(in.resolve("list.mp4"),
                    "ffconcat version 1.0\nfile '/etc/passwd'\nfile '" + BadMedia.clip() + "'\n");
            default -> throw new IllegalArgumentException(kind);
        };
        String[] expected = switch (kind) {
            case "faststart-cut-at-30%" -> new String[] { "shorter than the source" };
            case "audio-only", "zero-duration" -> new String[] { "not a video" };
            case "huge-dimension-claims" -> new String[] { "ffprobe could not read", "too large", "no segment", "no frame" };
            default -> new String[] { "ffprobe could not read" };
        };
        Outcome o = as == Body.FILE
                ? send("format=dash", source.toFile())
                : send("format=dash", Files.newInputStream(source), "CamelFileName", "uploads/" + source.getFileName());
        StreamGearException e = assertFailed(o, expected);
        if (as == Body.FILE) {
            assertTrue(ownMessage(e).contains(source.getFileName().toString()), "the message names the file: " + e.getMessage());
        }
        if (kind.startsWith("hls") || kind.startsWith("concat")) {
            assertTrue(e.getProcessLog().stream().anyMatch(l -> l.contains("not on whitelist")),
                    "refused by the demuxer allow-list, not by accident: " + e.getProcessLog());
        }
    }

    @Test
    void missingFile() throws Exception {
        Path missing = in.resolve("gone.mp4");
        StreamGearException e = assertFailed(send("format=hls", missing.toFile()), "does not exist");
        assertTrue(ownMessage(e).contains(missing.toString()), e.getMessage());
    }

    @Test
    void emptyFile() throws Exception {
        Path empty = Files.createFile(in.resolve("empty.mp4"));
        assertFailed(send("format=hls", empty.toFile()), "is empty");
    }

    @Test
    void directoryAsSource() throws Exception {
        Path dir = Files.createDirectories(in.resolve("folder.mp4"));
        Files.copy(BadMedia.clip(), dir.resolve("inside.mp4"));
        StreamGearException e = assertFailed(send("format=dash", dir.toFile()), "not a regular file");
        assertTrue(ownMessage(e).contains(dir.toString()), e.getMessage());
    }

    @Test
    void unreadableFile() throws Exception {
        Path locked = Files.copy(BadMedia.clip(), in.resolve("locked.mp4"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked), "this user (root?) can read a file with mode 000: nothing to test");
        assertFailed(send("format=dash", locked.toFile()), "not readable");
    }

    /** Damage a decoder can step over: a clean failure, or a stream as long as the source. */
    @Test
    void corruptedBytesInTheMiddle() throws Exception {
        Path corrupted = BadMedia.corruptedMiddle(BadMedia.clipMoovAtEnd(), in);
        assertFailedOrComplete(send("format=hls", corrupted.toFile()), BadMedia.duration(BadMedia.clipMoovAtEnd()),
                "ffprobe could not read", "FFmpeg failed");
    }

    @Test
    void singleFrameVideo() throws Exception {
        Path one = Files.copy(BadMedia.singleFrame(), in.resolve("one-frame.mp4"));
        assertFailedOrComplete(send("format=dash", one.toFile()), BadMedia.duration(one), "one-frame.mp4");
    }

    @Test
    void onePixelVideo() throws Exception {
        Path tiny = Files.copy(BadMedia.onePixel(), in.resolve("tiny.mp4"));
        assertFailedOrComplete(send("format=hls", tiny.toFile()), BadMedia.duration(tiny), "tiny.mp4");
    }

    /** FFmpeg speaks gopher: it must not be made to fetch from an arbitrary host, and the failure names the source. */
    @Test
    void unsupportedUrlScheme() throws Exception {
        String url = "gopher://127.0.0.1:" + closedPort() + "/1/video.mp4";
        StreamGearException e = assertFailed(send("format=dash", url), url);
        assertTrue(ownMessage(e).contains(url), e.getMessage());
    }

    @Test
    void httpUrlToAClosedPort() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/video.mp4";
        assertFailed(send("format=dash", url), url);
    }

    /** A file URL with a host cannot be read here; the component says which source, not a bare IllegalArgumentException. */
    @Test
    void fileUrlWithAHost() throws Exception {
        assertFailed(send("format=dash&videoSource=RAW(file://otherhost/srv/clip.mp4)", null), "file://otherhost/srv/clip.mp4");
    }

    @Test
    void rawFrameToASingleSourceEndpoint() throws Exception {
        byte[] frame = new byte[160 * 90 * 3];
        new SplittableRandom(3).nextBytes(frame);
        assertFailed(send("format=dash", frame), "single-source mode");
    }

    @Test
    void nullBody() throws Exception {
        assertFailed(send("format=dash", null), "Nothing to transcode");
    }

    /** A name that sanitises to nothing: the job id falls back to the exchange id. */
    @Test
    void nameMadeOfDotsOnly() throws Exception {
        Path dots = Files.copy(BadMedia.clip(), in.resolve("..mp4"));
        Outcome o = send("format=hls", dots.toFile());
        assertComplete(o, BadMedia.duration(dots));
        assertEquals(o.exchange.getExchangeId(), o.jobId(), "the job id falls back to the exchange id");
    }

    /** Two names that sanitise to the same job id: the second job must not overwrite the first one's stream. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "a b.mp4|a_b.mp4", "日本.mp4|中国.mp4" })
    void namesThatCollideAfterSanitising(String pair) throws Exception {
        String[] names = pair.split("\\|");
        Path first = Files.copy(BadMedia.clip(), in.resolve(names[0]));
        Path second = Files.copy(BadMedia.sixSeconds(), in.resolve(names[1])); // a different stream: 6 s, not 4
        Outcome a = send("format=dash", first.toFile());
        assertComplete(a, BadMedia.duration(first));
        Map<String, String> firstOutput = digests(out.resolve(a.jobId()));
        Outcome b = send("format=dash", second.toFile());
        assertNotEquals(a.jobId(), b.jobId(), "distinct job folders for '" + names[0] + "' and '" + names[1] + "'");
        assertComplete(b, BadMedia.duration(second));
        // the first stream is still whole and unchanged, on disk and at the sink
        assertEquals(firstOutput, digests(out.resolve(a.jobId())), "the first job's files are untouched");
        assertComplete(a, BadMedia.duration(first));
    }

    /** A frame of the wrong size fails its own exchange only: the session goes on and ends with a complete stream. */
    @Test
    void frameOfTheWrongSize() throws Exception {
        String frames = "format=dash&frameWidth=160&frameHeight=90&inputFramerate=25";
        sendFrames(frames, "cam-size", 0, 25);
        Outcome wrong = send(frames, new byte[1000], JOB_ID, "cam-size");
        assertInstanceOf(StreamGearException.class, wrong.exception(), () -> "the wrong frame is refused: " + wrong);
        assertTrue(ownMessage(wrong.exception()).contains("does not match"), wrong.exception().getMessage());
        sendFrames(frames, "cam-size", 25, 50);
        assertComplete(send(frames, null, JOB_ID, "cam-size", "CamelStreamGearEndOfStream", true), 2.0);
    }

    /** Frames for a session that has ended are refused; they do not start a new stream over the finished one. */
    @Test
    void framesAfterTheEndOfStream() throws Exception {
        String frames = "format=hls&frameWidth=160&frameHeight=90&inputFramerate=25";
        sendFrames(frames, "cam-late", 0, 50);
        assertComplete(send(frames, null, JOB_ID, "cam-late", "CamelStreamGearEndOfStream", true), 2.0);
        Outcome late = send(frames, TestFrames.frame(PixelFormat.BGR24, 160, 90, 50), JOB_ID, "cam-late");
        assertFailed(late, "ended", "refused");
    }

    private void sendFrames(String options, String job, int from, int to) {
        String uri = uri(options);
        for (int i = from; i < to; i++) {
            int n = i;
            Exchange x = template.request(uri, e -> {
                e.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 160, 90, n));
                e.getIn().setHeader(JOB_ID, job);
            });
            assertNull(x.getException(), () -> "frame " + n + " refused: " + x.getException());
        }
    }

    /** File name to SHA-256 of every file in {@code dir}. */
    static Map<String, String> digests(Path dir) throws Exception {
        Map<String, String> d = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                d.put(f.getFileName().toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return d;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
