package io.github.streamgear.camel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.protection.ContentKey;
import io.github.streamgear.engine.protection.KeyProvider;
import io.github.streamgear.engine.protection.KeyRequest;
import io.github.streamgear.engine.protection.FfmpegCencFragmentsTest;
import io.github.streamgear.engine.settings.Encryption;
import io.github.streamgear.testing.CencSamples;
import io.github.streamgear.testing.LogCapture;
import io.github.streamgear.testing.ManifestConformance;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HLS AES-128 and DASH/CMAF CENC: the options, the segments really encrypted (and decryptable with the key handed to the route), and the
 * key nowhere else: not in a log line at DEBUG, an exception, a published message, the output folder, and its private
 * folder gone after the job, also after a failed one.
 */
class ContentProtectionTest extends CamelTestSupport {

    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));
    private static final Pattern KEY_TAG = Pattern.compile("#EXT-X-KEY:METHOD=AES-128,URI=\"([^\"]+)\"(,IV=0x([0-9a-fA-F]+))?");

    @TempDir
    Path out;

    private final List<Message> published = new CopyOnWriteArrayList<>();
    private final List<String> playlistVersions = new CopyOnWriteArrayList<>();
    private final LogCapture logs = new LogCapture();
    private volatile java.util.function.Consumer<Message> onPublished = m -> { };
    private Level rootLevel;
    private Set<String> keyFoldersBefore;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("streamgear:enc").process(x -> {
                    published.add(x.getIn().copy());
                    String name = x.getIn().getHeader(Exchange.FILE_NAME, String.class);
                    if (name != null && (name.endsWith(".m3u8") || name.endsWith(".mpd")) && !"DELETE".equals(x.getIn().getHeader(
                            StreamGearConstants.OPERATION))) {
                        playlistVersions.add(name + "\n" + x.getIn().getBody(String.class)); // as published, not later
                    }
                });
                // one item in the queue: the watcher waits on the consumer, so the consumer can act before the next file
                from("streamgear:slow?maxQueueSize=1").process(x -> {
                    published.add(x.getIn().copy());
                    onPublished.accept(x.getIn());
                });
            }
        };
    }

    @BeforeEach
    void watchLogsAndKeyFolders() throws IOException {
        rootLevel = LogManager.getRootLogger().getLevel();
        // every logger, not just the root: a test run before this one may have configured io.github.streamgear itself
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.DEBUG);
        logs.attach(Level.DEBUG);
        keyFoldersBefore = keyFolders();
    }

    @AfterEach
    void restore() throws IOException {
        logs.detach();
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, rootLevel);
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
        assertEquals(keyFoldersBefore, keyFolders(), "every private key folder is removed when its job ends");
    }

    private String uri(String options) {
        return "streamgear:enc?outputDir=" + out + "&streams=320x180&segmentDuration=2&" + options;
    }

    @Test
    void optionsAreCheckedAndWhatIsNotBuiltIsRefusedByName() {
        StreamGearConfiguration c = context.getEndpoint(uri("format=hls&encryption=aes-128&keyUri=https://k.example/{kid}"),
                StreamGearEndpoint.class).getConfiguration();
        assertEquals(Encryption.AES_128, c.getEncryption());
        assertEquals(Encryption.NONE, context.getEndpoint(uri("format=hls"), StreamGearEndpoint.class).getConfiguration()
                .getEncryption());
        assertEquals(Encryption.CENC, context.getEndpoint(uri("format=dash&encryption=cenc&keyUri=https://k/{kid}"),
                StreamGearEndpoint.class).getConfiguration().getEncryption());
        assertRefused("format=hls&encryption=cenc&keyUri=https://k/{kid}", "needs format=dash or format=cmaf");
        assertRefused("format=dash&encryption=cenc", "keyUri");
        assertRefused("format=dash&encryption=cenc&keyUri=https://k/{kid}&videoCodec=libx265", "H.264");
        assertRefused("format=dash&encryption=aes-128&keyUri=https://k/{kid}", "needs format=hls");
        assertRefused("format=cmaf&encryption=aes-128&keyUri=https://k/{kid}", "needs format=hls");
        assertRefused("format=hls&encryption=aes-128", "keyUri");
        assertRefused("format=cmaf&encryption=cenc&keyUri=https://k/{kid}&livestream=true&lowLatency=true"
                + "&frameWidth=64&frameHeight=64", "lowLatency=true");
        // AES-128 and CENC in frames mode, VOD and live, are built
        assertEquals(Encryption.CENC, context.getEndpoint(uri("format=cmaf&encryption=cenc&keyUri=https://k/{kid}"
                + "&livestream=true&frameWidth=64&frameHeight=64"), StreamGearEndpoint.class).getConfiguration().getEncryption());
        assertEquals(Encryption.AES_128, context.getEndpoint(uri("format=hls&encryption=aes-128&keyUri=https://k/{kid}"
                + "&livestream=true&frameWidth=64&frameHeight=64"), StreamGearEndpoint.class).getConfiguration().getEncryption());
        assertRefused("format=hls&encryption=blowfish", "blowfish");
        assertRefused("format=dash&encryption=cenc&keyUri=https://k/{kid}&keyRotationSegments=3", "keyRotationSegments");
        assertRefused("format=hls&encryption=aes-128&keyUri=https://k/{kid}&keyRotationSegments=-1", "keyRotationSegments");
        assertRefused("format=hls&encryption=aes-128&keyUri=https://k/{kid}&keyRotationSegments=3&livestream=true"
                + "&frameWidth=64&frameHeight=64", "needs option 'keyProvider'");
    }

    private void assertRefused(String options, String named) {
        Exception e = assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(uri(options)));
        String all = messages(e);
        assertTrue(all.contains(named), all);
    }

    @Test
    void mpegTsSegmentsAreEncryptedAndTheKeyIsOnlyOnTheReply() throws Exception {
        Exchange x = template.request(uri("format=hls&hlsSegmentType=mpegts&encryption=aes-128"
                + "&keyUri=https://keys.example/{kid}?job={jobId}"), e -> e.getIn().setBody(TestMedia.standard().toFile()));
        assertNull(x.getException());
        String kid = x.getMessage().getHeader(StreamGearConstants.KEY_ID, String.class);
        String keyHex = x.getMessage().getHeader(StreamGearConstants.KEY, String.class);
        assertTrue(kid.matches("[0-9a-f]{32}") && keyHex.matches("[0-9a-f]{32}"), kid);
        byte[] key = HexFormat.of().parseHex(keyHex);
        Path job = out.resolve("standard");
        awaitPublished("standard/manifest.m3u8");

        List<Path> segments = files(job, ".ts");
        assertTrue(segments.size() >= 8, "segments " + segments);
        List<Path> playlists = files(job, ".m3u8");
        Set<String> ivs = new TreeSet<>();
        for (Path playlist : playlists) {
            if (playlist.getFileName().toString().equals("manifest.m3u8")) {
                continue;
            }
            String text = Files.readString(playlist);
            Matcher tag = KEY_TAG.matcher(text);
            assertTrue(tag.find(), text);
            assertEquals("https://keys.example/" + kid + "?job=standard", tag.group(1));
            assertNotNull(tag.group(3), "the generated key comes with a random IV: " + text);
            ivs.add(tag.group(3).toLowerCase(Locale.ROOT));
            assertFalse(text.substring(tag.end()).contains("#EXT-X-KEY"), "one key for the whole job: " + text);
        }
        assertEquals(1, ivs.size(), "one IV per job " + ivs);
        byte[] iv = HexFormat.of().parseHex(ivs.iterator().next());
        assertFalse(java.util.Arrays.equals(new byte[16], iv), "the IV is random, not zero");
        for (Path segment : segments) {
            byte[] enc = Files.readAllBytes(segment);
            byte[] clear = decryptWithIv(enc, key, iv);
            assertEquals(0x47, clear[0] & 0xff, "decrypted with the reply's key: MPEG-TS sync byte " + segment);
            assertEquals(0x47, clear[188] & 0xff, segment.toString());
            // one byte is 0x47 by chance in 1 of 256 encrypted segments (seen): two sync bytes 188 apart are not
            assertFalse((enc[0] & 0xff) == 0x47 && (enc[188] & 0xff) == 0x47, "not in the clear " + segment);
            assertNoCommonRun(enc, clear, segment);
        }
        // ffprobe finds no stream in a segment without the key, and finds video and audio once it is decrypted
        Path first = segments.get(0);
        assertEquals("", probeStreams(first), "ffprobe reads nothing from an encrypted segment");
        Path decrypted = Files.write(out.resolve("decrypted.ts"), decryptWithIv(Files.readAllBytes(first), key, iv));
        assertTrue(probeStreams(decrypted).contains("h264"), probeStreams(decrypted));
        Files.delete(decrypted);
        assertNoKeyAnywhere(key, x);
        // the scan is not vacuous: the job's INFO line with the key id and the DEBUG command line were captured
        assertTrue(logs.all().stream().anyMatch(l -> l.contains(kid)), "key id logged");
        assertTrue(logs.all().stream().anyMatch(l -> l.contains("-hls_key_info_file")), "DEBUG argv logged");
        assertTrue(published.stream().anyMatch(m -> String.valueOf(m.getHeader(Exchange.FILE_NAME)).endsWith(".ts")),
                "the consumer's messages were checked: " + published.size());
    }

    /**
     * CENC, DASH and CMAF: every init and media segment the consumer gets is the completed one (the file as it stays on
     * disk, published once), an independent decryptor reading its senc box with the reply's key gives samples of which
     * no 32-byte run is in the published segment, FFmpeg decodes the first two segments of each track with that key and
     * not with a wrong one, the MPD signals the key id and licence URL and validates, and the key is nowhere else.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dash", "cmaf"})
    void cencSegmentsArePublishedCompletedAndTheKeyIsOnlyOnTheReply(String format) throws Exception {
        Exchange x = template.request(uri("format=" + format + "&encryption=cenc"
                + "&keyUri=https://licence.example/clearkey?kid={kid}"), e -> e.getIn().setBody(TestMedia.standard().toFile()));
        assertNull(x.getException());
        String kid = x.getMessage().getHeader(StreamGearConstants.KEY_ID, String.class);
        String keyHex = x.getMessage().getHeader(StreamGearConstants.KEY, String.class);
        assertTrue(kid.matches("[0-9a-f]{32}") && keyHex.matches("[0-9a-f]{32}"), kid);
        String wrongKey = (keyHex.charAt(0) == '0' ? "1" : "0") + keyHex.substring(1);
        Path job = out.resolve("standard");
        awaitPublished("standard/" + (format.equals("cmaf") ? "manifest.m3u8" : "manifest.mpd"));

        List<Message> fmp4 = published.stream().filter(m -> List.of("init", "segment")
                .contains(m.getHeader(StreamGearConstants.FILE_KIND, String.class))).toList();
        List<String> names = fmp4.stream().map(m -> Path.of(m.getHeader(Exchange.FILE_NAME, String.class)).getFileName()
                .toString()).toList();
        assertEquals(new TreeSet<>(names).size(), names.size(), "each published once: " + names);
        assertEquals(new TreeSet<>(names), new TreeSet<>(files(job, ".m4s").stream().map(p -> p.getFileName().toString())
                .toList()), "every fMP4 file was published");
        for (Message m : fmp4) {
            Path file = job.resolve(Path.of(m.getHeader(Exchange.FILE_NAME, String.class)).getFileName());
            byte[] bytes = Files.readAllBytes(file);
            assertEquals((long) bytes.length, m.getHeader(Exchange.FILE_LENGTH, Long.class), "published length " + file);
            List<String> boxes = FfmpegCencFragmentsTest.boxes(bytes);
            if (file.getFileName().toString().startsWith("init-")) {
                assertTrue(boxes.contains("tenc") && !boxes.contains("senc"), "completed init " + file + boxes);
            } else {
                assertTrue(boxes.containsAll(List.of("saiz", "saio", "senc")), "completed segment " + file + boxes);
            }
        }
        List<Path> inits = files(job, ".m4s").stream().filter(p -> p.getFileName().toString().startsWith("init-")).toList();
        assertTrue(inits.size() >= 2, "video and audio " + inits);
        for (Path init : inits) {
            String rep = init.getFileName().toString().replaceAll("init-(\\d+)\\.m4s", "$1");
            List<Path> segments = files(job, ".m4s").stream()
                    .filter(p -> p.getFileName().toString().startsWith("chunk-" + rep + "-")).toList();
            assertTrue(segments.size() >= 3, "several segments, so that the IV runs on: " + segments);
            for (Path segment : segments) {
                byte[] enc = Files.readAllBytes(segment);
                byte[] clear = CencSamples.decrypt(enc, keyHex);
                assertFalse(java.util.Arrays.equals(clear, CencSamples.mdat(enc)), "encrypted " + segment);
                assertNoCommonRun(enc, clear, segment);
            }
            Path firstTwo = out.resolve("decrypt-" + rep + ".mp4");
            Files.write(firstTwo, concat(Files.readAllBytes(init), Files.readAllBytes(segments.get(0)),
                    Files.readAllBytes(segments.get(1))));
            Decoded right = decode(firstTwo, keyHex);
            assertEquals("", right.errors(), "decoded with the reply's key " + init);
            assertTrue(right.frames().size() >= 50, "frames of " + init + ": " + right.frames().size());
            assertNotEquals(right.frames(), decode(firstTwo, wrongKey).frames(), "a wrong key " + init);
            Files.delete(firstTwo);
        }

        String mpd = Files.readString(job.resolve("manifest.mpd"));
        String uuid = kid.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
        assertTrue(mpd.contains("schemeIdUri=\"urn:mpeg:dash:mp4protection:2011\" value=\"cenc\" cenc:default_KID=\""
                + uuid + "\""), mpd);
        assertTrue(mpd.contains(">https://licence.example/clearkey?kid=" + kid + "</dashif:Laurl>"), mpd);
        ManifestConformance.assertMpdValid(job.resolve("manifest.mpd"));
        if (format.equals("cmaf")) {
            for (Path playlist : files(job, ".m3u8")) {
                assertFalse(Files.readString(playlist).contains("EXT-X-KEY"), "CMAF's HLS side is not signalled " + playlist);
            }
            assertTrue(logs.all().stream().anyMatch(l -> l.contains("HLS players cannot play")), "the CMAF warning");
        }
        assertNoKeyAnywhere(HexFormat.of().parseHex(keyHex), x);
        assertTrue(logs.all().stream().anyMatch(l -> l.contains("encryption_key=xxxxxx:encryption_kid=" + kid)),
                "the DEBUG argv, key masked, was captured");
        assertTrue(logs.all().stream().anyMatch(l -> l.contains("CENC sample encryption data written into")), "cost logged");
    }

    /** A CENC job that fails (FFmpeg error, timeout) leaves nothing and leaks its key, which was on FFmpeg's argv, nowhere. */
    @Test
    void failedCencJobLeaksNothing() throws Exception {
        List<byte[]> handed = new ArrayList<>();
        context.getRegistry().bind("recording", (KeyProvider) r -> {
            byte[] key = new byte[16];
            new java.security.SecureRandom().nextBytes(key);
            handed.add(key);
            return new ContentKey(new byte[16], key, null, null);
        });
        Exchange x = template.request(uri("format=dash&encryption=cenc&keyUri=https://k/{kid}&keyProvider=#recording"
                + "&ffmpeg.window_size=-3"), e -> e.getIn().setBody(TestMedia.standard().toFile()));
        StreamGearException e = assertInstanceOf(StreamGearException.class, x.getException());
        assertTrue(e.getMessage().contains("FFmpeg failed"), e.getMessage());
        assertFalse(Files.exists(out.resolve("standard")));
        assertNoKeyAnywhere(handed.get(0), x);

        Exchange timedOut = template.request(uri("format=cmaf&encryption=cenc&keyUri=https://k/{kid}"
                + "&keyProvider=#recording&preset=veryslow&timeout=1s"), m -> m.getIn().setBody(TestMedia.hd().toFile()));
        StreamGearException t = assertInstanceOf(StreamGearException.class, timedOut.getException());
        assertTrue(t.getMessage().contains("timeout"), t.getMessage());
        assertFalse(Files.exists(out.resolve("hd")));
        assertNoKeyAnywhere(handed.get(1), timedOut);
    }

    /**
     * A segment that cannot be completed (its NAL lengths broken on disk after FFmpeg wrote it, before the job completed
     * it) fails the job naming the file: it is never published, nothing is published after it (no later segment of its
     * rendition, no manifest), and the job's files are removed. The key leaks nowhere on this path either.
     */
    @Test
    void cencSegmentThatCannotBeCompletedFailsTheJobAndNothingMoreIsPublished() throws Exception {
        Path job = out.resolve("standard");
        Path victim = job.resolve("chunk-0-00002.m4s");
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
        onPublished = m -> {
            if (broken.getAndSet(true)) {
                return;
            }
            try {
                long deadline = System.currentTimeMillis() + 30_000;
                while (!Files.exists(victim) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(5);
                }
                byte[] bytes = Files.readAllBytes(victim);
                int mdat = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("mdat") - 4;
                ByteBuffer.wrap(bytes).putInt(mdat + 8, 0x7fffffff); // the first NAL unit runs past its sample
                Files.write(victim, bytes);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        byte[] key = new byte[16];
        new java.security.SecureRandom().nextBytes(key);
        context.getRegistry().bind("fixedKey", (KeyProvider) r -> new ContentKey(new byte[16], key, null, null));
        Exchange x = template.request("streamgear:slow?outputDir=" + out + "&streams=320x180&segmentDuration=2"
                + "&format=dash&encryption=cenc&keyUri=https://k/{kid}&keyProvider=#fixedKey",
                e -> e.getIn().setBody(TestMedia.standard().toFile()));
        StreamGearException e = assertInstanceOf(StreamGearException.class, x.getException());
        assertTrue(broken.get());
        assertTrue(e.getMessage().contains("chunk-0-00002.m4s") && e.getMessage().contains("nothing more was published"),
                e.getMessage());
        assertTrue(logs.all().stream().anyMatch(l -> l.contains("chunk-0-00002.m4s")), "logged");
        assertFalse(Files.exists(job), "the failed job's files are removed");
        List<String> written = published.stream()
                .filter(m -> "write".equalsIgnoreCase(String.valueOf(m.getHeader(StreamGearConstants.OPERATION))))
                .map(m -> Path.of(m.getHeader(Exchange.FILE_NAME, String.class)).getFileName().toString()).toList();
        assertFalse(written.isEmpty(), "the first files were published before the failure");
        assertTrue(written.stream().noneMatch(n -> n.startsWith("chunk-0-") && n.compareTo("chunk-0-00002.m4s") >= 0),
                "nothing of rendition 0 from segment 2 on: " + written);
        assertTrue(written.stream().noneMatch(n -> n.endsWith(".mpd")), "no manifest: " + written);
        assertTrue(logs.all().stream().anyMatch(l -> l.contains("encryption_key=xxxxxx")), "masked argv logged");
        assertNoKeyAnywhere(key, x);
    }

    /**
     * Live: a segment that cannot be completed (broken on disk as in the VOD test) stops the publication at once, MPD
     * versions included (a version would name the segment nobody received), and the next frame fails naming the file;
     * every MPD version published names only segments published before it.
     */
    @Test
    void liveCencSegmentThatCannotBeCompletedStopsThePublicationAndFailsTheSession() throws Exception {
        Path job = out.resolve("slow");
        Path victim = job.resolve("chunk-0-00003.m4s");
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> mpdVersions = new CopyOnWriteArrayList<>();
        onPublished = m -> {
            String name = m.getHeader(Exchange.FILE_NAME, String.class);
            if (name.endsWith(".mpd")) {
                mpdVersions.add(m.getBody(String.class));
            }
            if (!name.endsWith("chunk-0-00002.m4s") || broken.getAndSet(true)) {
                return;
            }
            try { // the watcher waits for this consumer: segment 3 is broken before the job completes it
                long deadline = System.currentTimeMillis() + 30_000;
                while (!Files.exists(victim) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(5);
                }
                byte[] bytes = Files.readAllBytes(victim);
                int mdat = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("mdat") - 4;
                ByteBuffer.wrap(bytes).putInt(mdat + 8, 0x7fffffff);
                Files.write(victim, bytes);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        String live = "streamgear:slow?outputDir=" + out + "&streams=320x180&format=dash&livestream=true"
                + "&segmentDuration=1&frameWidth=320&frameHeight=180&inputFramerate=25&preset=ultrafast&encryption=cenc"
                + "&keyUri=https://k/{kid}";
        Exception failure = null;
        for (int i = 0; i < 12 * 25 && failure == null; i++) {
            int n = i;
            failure = template.request(live, e -> e.getIn().setBody(io.github.streamgear.testing.TestFrames.frame(
                    io.github.streamgear.engine.frames.PixelFormat.BGR24, 320, 180, n))).getException();
            if (broken.get() && failure == null) {
                Thread.sleep(20); // the watcher completes segment 3 while the frames of the next ones come
            }
        }
        assertTrue(broken.get(), "segment 3 was broken");
        assertInstanceOf(StreamGearException.class, failure);
        assertTrue(failure.getMessage().contains("chunk-0-00003.m4s") && failure.getMessage().contains(
                "nothing more was published"), failure.getMessage());
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg stopped");
        int seen;
        do { // the consumer takes what was queued before the failure: the MPD bodies are read as they are taken
            seen = published.size();
            Thread.sleep(1000);
        } while (published.size() != seen);
        List<String> written = published.stream()
                .filter(m -> "write".equalsIgnoreCase(String.valueOf(m.getHeader(StreamGearConstants.OPERATION))))
                .map(m -> Path.of(m.getHeader(Exchange.FILE_NAME, String.class)).getFileName().toString()).toList();
        assertTrue(written.contains("chunk-0-00002.m4s"), "published up to segment 2: " + written);
        assertTrue(written.stream().noneMatch(n -> n.startsWith("chunk-0-") && n.compareTo("chunk-0-00003.m4s") >= 0),
                "nothing of rendition 0 from segment 3 on: " + written);
        Path version = out.resolve("version.mpd");
        for (String mpd : mpdVersions) {
            Files.writeString(job.resolve(version.getFileName()), mpd);
            for (var track : io.github.streamgear.testing.StreamInspector.readDash(job.resolve(version.getFileName()))) {
                for (Path segment : track.segments()) {
                    assertTrue(written.contains(segment.getFileName().toString()), "a published MPD version names "
                            + segment.getFileName() + ", which was published before it");
                }
            }
        }
        assertFalse(mpdVersions.isEmpty(), "MPD versions were published before the failure");
    }

    record Decoded(List<String> frames, String errors) {
    }

    /** FFmpeg's checksum of every decoded frame of the file decrypted with the key, and the errors it reported. */
    private static Decoded decode(Path file, String key) throws Exception {
        Path errors = Files.createTempFile("decode", ".log");
        try {
            Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-decryption_key", key,
                    "-i", file.toString(), "-f", "framemd5", "-").redirectError(errors.toFile()).start();
            List<String> frames = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#")).toList();
            p.waitFor();
            return new Decoded(frames, Files.readString(errors).trim());
        } finally {
            Files.delete(errors);
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            o.writeBytes(part);
        }
        return o.toByteArray();
    }

    /** FFmpeg 5.1's HLS muxer cannot encrypt fMP4 segments ("Encrypted fmp4 not yet supported"): refused by name. */
    @Test
    void fmp4SegmentsAreRefused() {
        assertRefused("format=hls&hlsSegmentType=fmp4&encryption=aes-128&keyUri=https://k/{kid}", "hlsSegmentType=mpegts");
    }

    /** A provider bean: its key and URI are used, and its key is not put on the reply (it is the provider's to keep). */
    @Test
    void keyProviderBean() throws Exception {
        byte[] kid = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        byte[] key = HexFormat.of().parseHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        byte[] iv = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
        context.getRegistry().bind("vault", (KeyProvider) r -> new ContentKey(kid, key, iv, "skd://vault/" + r.jobId()));
        Exchange x = template.request(uri("format=hls&encryption=aes-128&keyProvider=#vault"),
                e -> e.getIn().setBody(TestMedia.standard().toFile()));
        assertNull(x.getException());
        assertNull(x.getMessage().getHeader(StreamGearConstants.KEY));
        Path job = out.resolve("standard");
        String playlist = Files.readString(files(job, ".m3u8").stream()
                .filter(p -> !p.getFileName().toString().equals("manifest.m3u8")).findFirst().orElseThrow());
        Matcher tag = KEY_TAG.matcher(playlist);
        assertTrue(tag.find(), playlist);
        assertEquals("skd://vault/standard", tag.group(1));
        assertEquals("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf", tag.group(3).toLowerCase(Locale.ROOT));
        Path segment = files(job, ".ts").get(0);
        byte[] clear = decryptWithIv(Files.readAllBytes(segment), key, iv);
        assertEquals(0x47, clear[0] & 0xff);
        assertNoKeyAnywhere(key, x);
    }

    /** A provider that fails or returns a malformed key fails the job before anything is written. */
    @Test
    void failingOrMalformedProviderFailsBeforeAnythingIsWritten() throws IOException {
        byte[] secret = HexFormat.of().parseHex("deadbeefdeadbeefdeadbeefdeadbeef");
        context.getRegistry().bind("broken", (KeyProvider) r -> {
            throw new IllegalStateException("vault said: " + HexFormat.of().formatHex(secret));
        });
        context.getRegistry().bind("short", (KeyProvider) r -> new ContentKey(new byte[16], new byte[8], null, null));
        for (String provider : List.of("broken", "short")) {
            Exchange x = template.request(uri("format=hls&encryption=aes-128&keyUri=https://k/{kid}&keyProvider=#" + provider),
                    e -> e.getIn().setBody(TestMedia.standard().toFile()));
            StreamGearException e = assertInstanceOf(StreamGearException.class, x.getException());
            assertTrue(e.getMessage().contains("key provider") && e.getMessage().contains("nothing was written"),
                    e.getMessage());
            assertFalse(Files.exists(out.resolve("standard")), "nothing written");
            assertNoKeyAnywhere(secret, x);
        }
    }

    /** FFmpeg fails after the key files were written: they are removed, and the key is in no log line or exception. */
    @Test
    void failedJobRemovesTheKeyFolderAndLeaksNothing() throws Exception {
        List<byte[]> handed = new ArrayList<>();
        context.getRegistry().bind("recording", (KeyProvider) r -> {
            byte[] key = new byte[16];
            new java.security.SecureRandom().nextBytes(key);
            handed.add(key);
            return new ContentKey(new byte[16], key, null, null);
        });
        Exchange x = template.request(uri("format=hls&encryption=aes-128&keyUri=https://k/{kid}&keyProvider=#recording"
                + "&ffmpeg.hls_list_size=-3"), e -> e.getIn().setBody(TestMedia.standard().toFile()));
        StreamGearException e = assertInstanceOf(StreamGearException.class, x.getException());
        assertTrue(e.getMessage().contains("FFmpeg failed"), e.getMessage());
        assertEquals(1, handed.size());
        assertFalse(Files.exists(out.resolve("standard")));
        assertNoKeyAnywhere(handed.get(0), x);

        Exchange timedOut = template.request(uri("format=hls&encryption=aes-128&keyUri=https://k/{kid}"
                + "&keyProvider=#recording&preset=veryslow&timeout=1s"), m -> m.getIn().setBody(TestMedia.hd().toFile()));
        StreamGearException t = assertInstanceOf(StreamGearException.class, timedOut.getException());
        assertTrue(t.getMessage().contains("timeout"), t.getMessage());
        assertNoKeyAnywhere(handed.get(1), timedOut);
    }

    /** The CamelContext stops while an encrypted job runs: FFmpeg is stopped and the key folder removed. */
    @Test
    void stoppedJobRemovesTheKeyFolder() throws Exception {
        java.util.concurrent.CompletableFuture<Exchange> running = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> template.request(uri("format=hls&encryption=aes-128&keyUri=https://k/{kid}&preset=veryslow"), e -> e.getIn().setBody(TestMedia.hd().toFile())));
        long deadline = System.currentTimeMillis() + 30_000;
        while (keyFolders().equals(keyFoldersBefore) && System.currentTimeMillis() < deadline && !running.isDone()) {
            Thread.sleep(20);
        }
        if (running.isDone()) {
            throw new AssertionError("the job ended before it could be stopped", running.get().getException());
        }
        assertNotEquals(keyFoldersBefore, keyFolders(), "the job wrote its key folder");
        context.stop();
        Exchange x = running.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(x.getException(), "the job was stopped");
        assertFalse(Files.exists(out.resolve("hd").resolve("manifest.m3u8")));
    }

    private static final String LIVE = "format=hls&livestream=true&segmentDuration=1&frameWidth=320&frameHeight=180"
            + "&inputFramerate=25&preset=ultrafast&encryption=aes-128&keyUri=https://keys.example/{kid}";

    /**
     * A live frames session: the generated key is on the reply of the frame that opened it; the key folder lives as long
     * as the stream; every playlist version published carries EXT-X-KEY; every segment decrypts with the key; the key
     * folder is gone after the end of stream and the key is nowhere else.
     */
    @Test
    void liveFramesSessionIsEncryptedForItsWholeLength() throws Exception {
        String live = "streamgear:enc?outputDir=" + out + "&streams=320x180&" + LIVE;
        List<Exchange> replies = pushFrames(live, 4 * 25);
        Exchange first = replies.get(0);
        replies.subList(1, replies.size()).forEach(x -> assertNull(x.getMessage().getHeader(StreamGearConstants.KEY),
                "the key is on the first reply only"));
        String kid = first.getMessage().getHeader(StreamGearConstants.KEY_ID, String.class);
        byte[] key = HexFormat.of().parseHex(first.getMessage().getHeader(StreamGearConstants.KEY, String.class));
        assertNotEquals(keyFoldersBefore, keyFolders(), "the key folder lives while the stream runs");
        Exchange end = template.request(live, e -> e.getIn().setHeader(StreamGearConstants.END_OF_STREAM, true));
        assertNull(end.getException());
        assertEquals(keyFoldersBefore, keyFolders(), "the key folder is removed when the stream ends");

        List<String> versions = playlistVersions.stream().filter(v -> v.contains("/stream_")).toList();
        assertTrue(versions.size() >= 3, "live playlist versions were published: " + versions.size());
        byte[] iv = null;
        for (String version : versions) {
            Matcher tag = KEY_TAG.matcher(version);
            assertTrue(tag.find(), "every published live playlist version carries EXT-X-KEY: " + version);
            assertEquals("https://keys.example/" + kid, tag.group(1));
            iv = HexFormat.of().parseHex(tag.group(3));
        }
        List<Path> segments = files(out.resolve("enc"), ".ts");
        assertTrue(segments.size() >= 3, "segments " + segments);
        for (Path segment : segments) {
            byte[] enc = Files.readAllBytes(segment);
            byte[] clear = decryptWithIv(enc, key, iv);
            assertEquals(0x47, clear[0] & 0xff, "decrypted with the first reply's key: " + segment);
            assertEquals(0x47, clear[188] & 0xff, segment.toString());
            assertNoCommonRun(enc, clear, segment);
        }
        assertEquals("", probeStreams(segments.get(0)), "ffprobe reads nothing from an encrypted live segment");
        assertNoKeyAnywhere(key, first);
        assertNoKeyAnywhere(key, end);
        assertTrue(logs.all().stream().anyMatch(l -> l.contains(kid)), "key id logged");
    }

    /**
     * A live CMAF frames session with CENC: the key is on the first frame's reply; every MPD version published carries
     * the CENC and ClearKey signalling and is schema-valid; FFmpeg's own drafts are never published and none is left;
     * every segment published was the completed version (senc), decrypts with the key and decodes, with a wrong key
     * it decodes to other frames; the window moved (segments deleted, their deletes published) and the key is nowhere.
     */
    @Test
    void liveFramesSessionIsEncryptedWithCenc() throws Exception {
        String live = "streamgear:enc?outputDir=" + out + "&streams=320x180&format=cmaf&livestream=true&segmentDuration=1"
                + "&windowSize=3&extraWindowSize=1&frameWidth=320&frameHeight=180&inputFramerate=25&preset=ultrafast&encryption=cenc"
                + "&keyUri=https://licence.example/clearkey?kid={kid}";
        Exchange first = pushFrames(live, 7 * 25).get(0);
        Exchange end = template.request(live, e -> e.getIn().setHeader(StreamGearConstants.END_OF_STREAM, true));
        assertNull(end.getException());
        String kid = first.getMessage().getHeader(StreamGearConstants.KEY_ID, String.class);
        String keyHex = first.getMessage().getHeader(StreamGearConstants.KEY, String.class);
        assertTrue(kid.matches("[0-9a-f]{32}") && keyHex.matches("[0-9a-f]{32}"), "the key on the first reply: " + kid);
        Path job = out.resolve("enc");
        String uuid = kid.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");

        List<String> names = published.stream().map(m -> Path.of(m.getHeader(Exchange.FILE_NAME, String.class))
                .getFileName().toString()).toList();
        assertTrue(names.stream().noneMatch(n -> n.startsWith(".")), "no draft published: " + names);
        List<String> mpds = playlistVersions.stream().filter(v -> v.startsWith("enc/manifest.mpd\n"))
                .map(v -> v.substring(v.indexOf('\n') + 1)).toList();
        assertTrue(mpds.size() >= 4, "live MPD versions published: " + mpds.size());
        Path version = out.resolve("version.mpd");
        for (String text : mpds) {
            assertTrue(text.contains("schemeIdUri=\"urn:mpeg:dash:mp4protection:2011\" value=\"cenc\" cenc:default_KID=\""
                    + uuid + "\""), "every version signals CENC: " + text);
            assertTrue(text.contains(">https://licence.example/clearkey?kid=" + kid + "</dashif:Laurl>"), text);
            Files.writeString(version, text);
            ManifestConformance.assertMpdValid(version);
        }
        Files.delete(version);
        assertTrue(mpds.get(0).contains("type=\"dynamic\""), "live versions first");
        try (java.util.stream.Stream<Path> left = Files.list(job)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no draft or temporary file left");
        }
        assertTrue(published.stream().anyMatch(m -> "delete".equalsIgnoreCase(String.valueOf(
                m.getHeader(StreamGearConstants.OPERATION))) && m.getHeader(Exchange.FILE_NAME, String.class).endsWith(".m4s")),
                "the window moved on: segments deleted");

        Path init = job.resolve("init-0.m4s");
        assertTrue(FfmpegCencFragmentsTest.boxes(Files.readAllBytes(init)).contains("tenc"), "completed init");
        List<Path> segments = files(job, ".m4s").stream().filter(p -> p.getFileName().toString().startsWith("chunk-0-"))
                .toList();
        assertTrue(segments.size() >= 2, "segments " + segments);
        for (Path segment : segments) {
            byte[] enc = Files.readAllBytes(segment);
            assertTrue(FfmpegCencFragmentsTest.boxes(enc).containsAll(List.of("saiz", "saio", "senc")), "completed " + segment);
            byte[] clear = CencSamples.decrypt(enc, keyHex);
            assertFalse(java.util.Arrays.equals(clear, CencSamples.mdat(enc)), "encrypted " + segment);
            assertNoCommonRun(enc, clear, segment);
        }
        // a live window starts mid-stream: the IVs of its first segment are those FFmpeg counted on from the start
        Path lastTwo = out.resolve("decrypt-live.mp4");
        Files.write(lastTwo, concat(Files.readAllBytes(init), Files.readAllBytes(segments.get(segments.size() - 2)),
                Files.readAllBytes(segments.get(segments.size() - 1))));
        Decoded right = decode(lastTwo, keyHex);
        assertEquals("", right.errors(), "decoded with the first reply's key");
        assertTrue(right.frames().size() >= 25, "frames: " + right.frames().size());
        String wrongKey = (keyHex.charAt(0) == '0' ? "1" : "0") + keyHex.substring(1);
        assertNotEquals(right.frames(), decode(lastTwo, wrongKey).frames(), "a wrong key");
        Files.delete(lastTwo);
        ManifestConformance.assertMpdValid(job.resolve("manifest.mpd"));
        assertNoKeyAnywhere(HexFormat.of().parseHex(keyHex), first);
        assertNoKeyAnywhere(HexFormat.of().parseHex(keyHex), end);
    }

    /**
     * A live source (a looped file, started and stopped by message) with CENC and format=dash: the key on the start's
     * reply, every MPD version published signals CENC, every segment left is completed and the window decodes with the
     * key; the draft is gone after the stop.
     */
    @Test
    void liveSourceWithCenc() throws Exception {
        String uri = "streamgear:enc?outputDir=" + out + "&streams=320x180&videoSource=" + TestMedia.standard()
                + "&livestream=true&liveLoop=true&format=dash&segmentDuration=1&windowSize=3&extraWindowSize=1"
                + "&preset=ultrafast&encryption=cenc&keyUri=https://licence.example/{kid}";
        Exchange started = template.request(uri, e -> e.getIn().setHeader(StreamGearConstants.LIVE_ACTION, "start"));
        assertNull(started.getException());
        String kid = started.getMessage().getHeader(StreamGearConstants.KEY_ID, String.class);
        String keyHex = started.getMessage().getHeader(StreamGearConstants.KEY, String.class);
        Path job = out.resolve("enc");
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && !Files.exists(job.resolve("chunk-0-00006.m4s"))) {
            Thread.sleep(100);
        }
        Exchange stopped = template.request(uri, e -> e.getIn().setHeader(StreamGearConstants.LIVE_ACTION, "stop"));
        assertNull(stopped.getException());
        List<String> mpds = playlistVersions.stream().filter(v -> v.startsWith("enc/manifest.mpd\n")).toList();
        assertTrue(mpds.size() >= 4, "MPD versions " + mpds.size());
        String uuid = kid.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
        mpds.forEach(v -> assertTrue(v.contains("cenc:default_KID=\"" + uuid + "\""), "every version signals CENC: " + v));
        List<Path> segments = files(job, ".m4s").stream().filter(p -> p.getFileName().toString().startsWith("chunk-0-"))
                .toList();
        assertTrue(segments.size() >= 2 && segments.size() <= 5, "the window's segments " + segments);
        for (Path segment : segments) {
            assertTrue(FfmpegCencFragmentsTest.boxes(Files.readAllBytes(segment)).contains("senc"), "completed " + segment);
        }
        Path window = out.resolve("decrypt-source.mp4");
        Files.write(window, concat(Files.readAllBytes(job.resolve("init-0.m4s")),
                Files.readAllBytes(segments.get(segments.size() - 2)), Files.readAllBytes(segments.get(segments.size() - 1))));
        Decoded right = decode(window, keyHex);
        assertEquals("", right.errors(), "decoded with the start reply's key");
        assertTrue(right.frames().size() >= 25, "frames " + right.frames().size());
        Files.delete(window);
        assertFalse(Files.exists(job.resolve(".manifest.ffmpeg.mpd")), "the draft is gone");
        ManifestConformance.assertMpdValid(job.resolve("manifest.mpd"));
        assertNoKeyAnywhere(HexFormat.of().parseHex(keyHex), started);
        assertNoKeyAnywhere(HexFormat.of().parseHex(keyHex), stopped);
    }

    /** Sends {@code count} 320x180 frames to {@code uri}, each accepted; their replies. */
    private List<Exchange> pushFrames(String uri, int count) {
        List<Exchange> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            Exchange x = template.request(uri, e -> e.getIn().setBody(io.github.streamgear.testing.TestFrames.frame(
                    io.github.streamgear.engine.frames.PixelFormat.BGR24, 320, 180, n)));
            assertNull(x.getException());
            replies.add(x);
        }
        return replies;
    }

    /** A live frames session ended by the CamelContext stopping, and one whose FFmpeg dies: the key folder goes too. */
    @Test
    void liveFramesSessionStoppedOrFailedRemovesTheKeyFolder() throws Exception {
        String crash = "streamgear:crash?outputDir=" + out + "&streams=320x180&" + LIVE;
        String stop = "streamgear:stop?outputDir=" + out + "&streams=320x180&" + LIVE;
        Exchange first = template.request(crash, e -> e.getIn().setBody(io.github.streamgear.testing.TestFrames.frame(
                io.github.streamgear.engine.frames.PixelFormat.BGR24, 320, 180, 0)));
        assertNull(first.getException());
        List<ProcessHandle> crashFfmpeg = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").contains("ffmpeg")).toList();
        assertEquals(1, crashFfmpeg.size(), "the session's FFmpeg " + crashFfmpeg);
        for (int i = 0; i < 25; i++) {
            int n = i;
            for (String uri : i == 0 ? List.of(stop) : List.of(crash, stop)) {
                Exchange x = template.request(uri, e -> e.getIn().setBody(io.github.streamgear.testing.TestFrames.frame(
                        io.github.streamgear.engine.frames.PixelFormat.BGR24, 320, 180, n)));
                assertNull(x.getException());
            }
        }
        assertEquals(keyFoldersBefore.size() + 2, keyFolders().size(), "one key folder per running stream");
        crashFfmpeg.forEach(ProcessHandle::destroyForcibly); // FFmpeg dies (OOM killer, operator...)
        Exchange after = null;
        for (int i = 0; i < 100 && (after == null || after.getException() == null); i++) {
            int n = 25 + i;
            after = template.request(crash, e -> e.getIn().setBody(io.github.streamgear.testing.TestFrames.frame(
                    io.github.streamgear.engine.frames.PixelFormat.BGR24, 320, 180, n)));
        }
        assertNotNull(after.getException(), "FFmpeg of session crash was killed");
        assertEquals(keyFoldersBefore.size() + 1, keyFolders().size(), "the failed stream's key folder is removed");
        byte[] key = HexFormat.of().parseHex(first.getMessage().getHeader(StreamGearConstants.KEY, String.class));
        assertNoKeyAnywhere(key, after);
        context.stop();
        assertEquals(keyFoldersBefore, keyFolders(), "the stopped stream's key folder is removed");
    }

    /**
     * A live source (a file played in real time) started by message: the generated key on the start's reply, EXT-X-KEY in
     * its playlists, segments decrypting with that key; stopping it removes the key folder. A live source consumer
     * without a keyProvider is refused, naming the cause (its generated key would reach no route).
     */
    @Test
    void liveSourceStartedByMessageIsEncryptedAndItsKeyFolderGoesWithIt() throws Exception {
        String uri = "streamgear:enc?outputDir=" + out + "&streams=320x180&videoSource=" + TestMedia.standard()
                + "&livestream=true&liveLoop=true&format=hls&segmentDuration=1&preset=ultrafast&encryption=aes-128"
                + "&keyUri=https://keys.example/{kid}";
        Exchange started = template.request(uri, e -> e.getIn().setHeader(StreamGearConstants.LIVE_ACTION, "start"));
        assertNull(started.getException());
        String kid = started.getMessage().getHeader(StreamGearConstants.KEY_ID, String.class);
        byte[] key = HexFormat.of().parseHex(started.getMessage().getHeader(StreamGearConstants.KEY, String.class));
        Path playlist = out.resolve("enc/stream_180p.m3u8");
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && !(Files.exists(playlist)
                && Files.readString(playlist).split("#EXTINF", -1).length > 3)) {
            Thread.sleep(100);
        }
        assertNotEquals(keyFoldersBefore, keyFolders(), "the key folder lives while the stream runs");
        Exchange stopped = template.request(uri, e -> e.getIn().setHeader(StreamGearConstants.LIVE_ACTION, "stop"));
        assertNull(stopped.getException());
        assertEquals(keyFoldersBefore, keyFolders(), "the key folder is removed when the stream is stopped");
        String text = Files.readString(playlist);
        Matcher tag = KEY_TAG.matcher(text);
        assertTrue(tag.find(), text);
        assertEquals("https://keys.example/" + kid, tag.group(1));
        byte[] iv = HexFormat.of().parseHex(tag.group(3));
        for (Path segment : files(out.resolve("enc"), ".ts")) {
            byte[] clear = decryptWithIv(Files.readAllBytes(segment), key, iv);
            assertEquals(0x47, clear[188] & 0xff, "decrypted with the start reply's key: " + segment);
        }
        assertNoKeyAnywhere(key, started);
        assertNoKeyAnywhere(key, stopped);

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("streamgear:cam?outputDir=" + out + "&videoSource=" + TestMedia.standard() + "&livestream=true"
                        + "&format=hls&encryption=aes-128&keyUri=https://keys.example/{kid}").routeId("cam").autoStartup(false)
                        .log("never");
            }
        });
        Exception refused = assertThrows(Exception.class, () -> context.getRouteController().startRoute("cam"));
        assertTrue(messages(refused).contains("needs option 'keyProvider'"), messages(refused));
    }

    /**
     * Key rotation, VOD, generated keys: the reply lists every key; every media playlist names more than one key, and
     * each segment decrypts with the key (and IV) of the EXT-X-KEY before it.
     */
    @Test
    void vodKeyRotationGeneratedKeysAreOnTheReplyAndEachSegmentUsesTheKeyItsPlaylistNames() throws Exception {
        Exchange x = template.request("streamgear:enc?outputDir=" + out + "&streams=320x180&segmentDuration=1"
                + "&format=hls&encryption=aes-128&keyRotationSegments=2&keyUri=https://keys.example/{kid}",
                e -> e.getIn().setBody(TestMedia.standard().toFile()));
        assertNull(x.getException());
        List<String> kids = List.of(x.getMessage().getHeader(StreamGearConstants.KEY_IDS, String.class).split(","));
        List<String> keyHex = List.of(x.getMessage().getHeader(StreamGearConstants.KEYS, String.class).split(","));
        assertEquals(kids.size(), keyHex.size());
        assertEquals(x.getMessage().getHeader(StreamGearConstants.KEY_ID), kids.get(0));
        Map<String, byte[]> keys = new java.util.HashMap<>();
        for (int i = 0; i < kids.size(); i++) {
            keys.put(kids.get(i), HexFormat.of().parseHex(keyHex.get(i)));
        }
        Path job = out.resolve("standard");
        for (Path playlist : files(job, ".m3u8")) {
            if (!playlist.getFileName().toString().equals("manifest.m3u8")) {
                List<Integer> periods = assertEachSegmentUsesItsNamedKey(job, Files.readString(playlist), keys);
                assertTrue(periods.size() >= 2, "more than one key in " + playlist + ": " + periods);
            }
        }
        for (String k : keyHex) {
            assertNoKeyAnywhere(HexFormat.of().parseHex(k), x);
        }
        assertTrue(logs.all().stream().anyMatch(l -> l.contains("key period 1")), "rotation logged");
    }

    /**
     * Key rotation, live frames session, keys from a provider: the provider is asked for periods 0, 1, 2 ...; the
     * playlist versions published name them in turn; each segment decrypts with the key its EXT-X-KEY names; a key
     * period (but the first and the last) spans keyRotationSegments segments, give or take one.
     */
    @Test
    void liveKeyRotationFromTheProvider() throws Exception {
        List<KeyRequest> asked = new CopyOnWriteArrayList<>();
        Map<String, byte[]> keys = new java.util.concurrent.ConcurrentHashMap<>();
        context.getRegistry().bind("rotating", (KeyProvider) r -> {
            asked.add(r);
            byte[] kid = new byte[16];
            byte[] key = new byte[16];
            new java.security.SecureRandom().nextBytes(kid);
            new java.security.SecureRandom().nextBytes(key);
            keys.put(HexFormat.of().formatHex(kid), key);
            return new ContentKey(kid, key, null, null);
        });
        String live = "streamgear:enc?outputDir=" + out + "&streams=320x180&" + LIVE + "&keyRotationSegments=2"
                + "&keyProvider=#rotating&windowSize=30";
        for (int i = 0; i < 8 * 25; i++) {
            int n = i;
            assertNull(template.request(live, e -> e.getIn().setBody(io.github.streamgear.testing.TestFrames.frame(
                    io.github.streamgear.engine.frames.PixelFormat.BGR24, 320, 180, n))).getException());
        }
        Exchange end = template.request(live, e -> e.getIn().setHeader(StreamGearConstants.END_OF_STREAM, true));
        assertNull(end.getException());
        assertNull(end.getMessage().getHeader(StreamGearConstants.KEY), "a provider's key is not on the reply");
        assertEquals(0, asked.get(0).period());
        for (int i = 0; i < asked.size(); i++) {
            assertEquals(i, asked.get(i).period(), "periods asked in order " + asked);
            assertEquals("enc", asked.get(i).jobId());
        }
        String finalPlaylist = Files.readString(out.resolve("enc/stream_180p.m3u8"));
        List<Integer> periods = assertEachSegmentUsesItsNamedKey(out.resolve("enc"), finalPlaylist, keys);
        assertTrue(periods.size() >= 3, "keys rotated: " + periods + "\n" + finalPlaylist);
        for (int i = 1; i < periods.size() - 1; i++) {
            assertTrue(Math.abs(periods.get(i) - 2) <= 1, "period " + i + " spans " + periods.get(i) + " segments: "
                    + periods);
        }
        List<String> versions = playlistVersions.stream().filter(v -> v.contains("/stream_")).toList();
        assertTrue(versions.stream().allMatch(v -> KEY_TAG.matcher(v).find()), "every version carries EXT-X-KEY");
        for (byte[] key : keys.values()) {
            assertNoKeyAnywhere(key, end);
        }
    }

    /**
     * CENC with a provider that returns further ContentProtection elements (Widevine with cenc:pssh, PlayReady with its
     * own namespace): each audio and video AdaptationSet carries them after the mp4protection and ClearKey ones, and the
     * MPD still validates against the MPEG-DASH schema. A provider element that is not one fails the job before
     * anything is written.
     */
    @Test
    void cencProviderDrmElementsAreWrittenIntoTheMpd() throws Exception {
        byte[] kid = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        byte[] key = HexFormat.of().parseHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        String widevine = "<ContentProtection schemeIdUri=\"urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed\""
                + " value=\"Widevine\"><cenc:pssh>AAAAMnBzc2gAAAAA7e+LqXnWSs6jyCfc1R0h7QAAABISEAARIjNEVWZ3iJmqu8zd7v8="
                + "</cenc:pssh></ContentProtection>";
        String playReady = "<ContentProtection schemeIdUri=\"urn:uuid:9a04f079-9840-4286-ab92-e65be0885f95\""
                + " value=\"MSPR 2.0\"><mspr:pro xmlns:mspr=\"urn:microsoft:playready\">AAAA</mspr:pro></ContentProtection>";
        context.getRegistry().bind("drm", (KeyProvider) r -> new ContentKey(kid, key, null, null,
                List.of(widevine, playReady)));
        Exchange x = template.request(uri("format=dash&encryption=cenc&keyProvider=#drm&keyUri=https://licence.example/ck"),
                e -> e.getIn().setBody(TestMedia.standard().toFile()));
        assertNull(x.getException());
        Path mpd = out.resolve("standard/manifest.mpd");
        String text = Files.readString(mpd);
        int sets = text.split("<AdaptationSet", -1).length - 1;
        assertTrue(sets >= 2, text);
        assertEquals(sets, text.split("urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed", -1).length - 1,
                "Widevine in every AdaptationSet: " + text);
        assertEquals(sets, text.split("<mspr:pro", -1).length - 1, "PlayReady in every AdaptationSet: " + text);
        assertTrue(text.indexOf("ClearKey1.0") < text.indexOf("Widevine"), "after mp4protection and ClearKey: " + text);
        ManifestConformance.assertMpdValid(mpd);
        assertNoKeyAnywhere(key, x);

        context.getRegistry().bind("broken", (KeyProvider) r -> new ContentKey(kid, key, null, null,
                List.of("<Widevine/>")));
        Exchange broken = template.request(uri("format=dash&encryption=cenc&keyProvider=#broken&keyUri=https://l/ck"),
                e -> e.getIn().setBody(TestMedia.standard().toFile()));
        assertNotNull(broken.getException());
        assertTrue(broken.getException().getMessage().contains("nothing was written"), broken.getException().getMessage());
    }

    /**
     * Decrypts every segment of a media playlist with the key and IV of the EXT-X-KEY before it (key URI
     * https://keys.example/KID); returns how many segments each key served, in order.
     */
    private static List<Integer> assertEachSegmentUsesItsNamedKey(Path dir, String playlist, Map<String, byte[]> keys)
            throws Exception {
        List<Integer> periods = new ArrayList<>();
        byte[] key = null;
        byte[] iv = null;
        for (String line : playlist.split("\n")) {
            Matcher tag = KEY_TAG.matcher(line);
            if (tag.find()) {
                String kid = tag.group(1).substring(tag.group(1).lastIndexOf('/') + 1);
                key = keys.get(kid);
                assertNotNull(key, "the EXT-X-KEY names a key handed to the route: " + kid);
                iv = HexFormat.of().parseHex(tag.group(3));
                periods.add(0);
            } else if (line.endsWith(".ts")) {
                assertNotNull(key, "a key before the first segment");
                byte[] clear = decryptWithIv(Files.readAllBytes(dir.resolve(line)), key, iv);
                assertEquals(0x47, clear[0] & 0xff, line + " decrypts with the key its EXT-X-KEY names");
                assertEquals(0x47, clear[188] & 0xff, line);
                periods.set(periods.size() - 1, periods.get(periods.size() - 1) + 1);
            }
        }
        return periods;
    }

    // ---- checks

    /** The key, as hex (either case), base64 (either alphabet) or raw bytes, is nowhere it must not be. */
    private void assertNoKeyAnywhere(byte[] key, Exchange exchange) throws IOException {
        List<String> forms = forms(key);
        List<String> places = new ArrayList<>(logs.all());
        for (Throwable t = exchange.getException(); t != null; t = t.getCause()) {
            places.add("exception: " + t);
            if (t instanceof StreamGearException s) {
                places.add("process log: " + String.join("\n", s.getProcessLog()));
            }
        }
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (!name.equals(StreamGearConstants.KEY) && !name.equals(StreamGearConstants.KEYS)) {
                places.add("reply header " + name + "=" + value);
            }
        });
        Object body = exchange.getMessage().getBody();
        if (body instanceof List<?> list) {
            for (Object o : list) {
                Message m = (Message) o;
                places.add("reply file message headers " + m.getHeaders());
            }
        }
        for (Message m : published) {
            places.add("consumer message headers " + m.getHeaders());
            byte[] bytes;
            try {
                bytes = m.getBody(byte[].class);
            } catch (org.apache.camel.TypeConversionException gone) {
                bytes = null; // a file the failed job removed again
            }
            if (bytes != null) {
                assertFalse(contains(bytes, key), "raw key in a published body " + m.getHeaders());
                places.add("consumer body " + new String(bytes, StandardCharsets.ISO_8859_1));
            }
        }
        for (String place : places) {
            for (String form : forms) {
                assertFalse(place.contains(form), "key (" + form + ") found in: " + place);
            }
        }
        try (Stream<Path> all = Files.walk(out)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                assertFalse(p.getFileName().toString().endsWith(".key") || p.getFileName().toString().endsWith(".info"),
                        "key file in outputDir: " + p);
                byte[] bytes = Files.readAllBytes(p);
                assertFalse(contains(bytes, key), "raw key bytes in " + p);
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                forms.forEach(f -> assertFalse(text.contains(f), "key (" + f + ") in " + p));
            }
        }
        assertTrue(logs.all().size() > 5, "the DEBUG log was captured: " + logs.all().size());
    }

    private static List<String> forms(byte[] key) {
        String hex = HexFormat.of().formatHex(key);
        List<String> forms = new ArrayList<>(List.of(hex, hex.toUpperCase(Locale.ROOT),
                Base64.getEncoder().withoutPadding().encodeToString(key),
                Base64.getUrlEncoder().withoutPadding().encodeToString(key)));
        // the key's hex split by any separator still holds its halves
        forms.add(hex.substring(0, 16));
        forms.add(hex.substring(16));
        return forms;
    }

    /** No 32-byte run of the clear segment appears in the encrypted one. */
    private static void assertNoCommonRun(byte[] enc, byte[] clear, Path segment) {
        int run = 32;
        Set<ByteBuffer> windows = new java.util.HashSet<>();
        for (int i = 0; i + run <= clear.length; i += 1) {
            windows.add(ByteBuffer.wrap(clear, i, run).slice());
        }
        for (int i = 0; i + run <= enc.length; i++) {
            ByteBuffer w = ByteBuffer.wrap(enc, i, run).slice();
            if (windows.contains(w) && !allSame(w)) {
                throw new AssertionError("a 32-byte run of the clear bytes is in the encrypted " + segment + " at " + i);
            }
        }
    }

    private static boolean allSame(ByteBuffer w) {
        for (int i = 1; i < w.remaining(); i++) {
            if (w.get(i) != w.get(0)) {
                return false;
            }
        }
        return true;
    }

    static byte[] decrypt(byte[] enc, byte[] key, long sequence) throws Exception {
        byte[] iv = new byte[16];
        ByteBuffer.wrap(iv, 8, 8).putLong(sequence);
        return decryptWithIv(enc, key, iv);
    }

    static byte[] decryptWithIv(byte[] enc, byte[] key, byte[] iv) throws Exception {
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return c.doFinal(enc);
    }

    /** The codecs ffprobe finds in a file, one per line; empty when it reads none. */
    private static String probeStreams(Path file) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "quiet", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                file.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return text;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The consumer delivers on its own thread, after the job's exchange may have ended: waits for a VOD job's entry
     * point, which is published last, so that every message of the job has been recorded.
     */
    private void awaitPublished(String fileName) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (published.stream().noneMatch(m -> fileName.equals(m.getHeader(Exchange.FILE_NAME)))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(published.stream().anyMatch(m -> fileName.equals(m.getHeader(Exchange.FILE_NAME))),
                fileName + " was published");
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static Set<String> keyFolders() throws IOException {
        try (Stream<Path> s = Files.list(TMP)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("streamgear-keys-")).toList());
        }
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
