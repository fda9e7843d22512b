package io.github.streamgear.camel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;

import io.github.streamgear.testing.LogCapture;
import io.github.streamgear.testing.ManifestConformance;
import io.github.streamgear.testing.StreamAssertions;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static io.github.streamgear.testing.StreamAssertions.assertReplyMatchesDisk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every track of a film ({@link TestMedia#film()}: English stereo, French 5.1, English SubRip, French forced ASS, a
 * DVD bitmap track and a German side-car) in each format: the manifests list exactly these tracks with their
 * languages, names, channels and roles; the bitmap track is skipped with a warning; every subtitle file is a message.
 */
class TracksTest extends CamelTestSupport {

    private static final String SUBTITLES_HLS = "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"G\",NAME=\"%s\",LANGUAGE=\"%s\","
            + "DEFAULT=NO,AUTOSELECT=%s,FORCED=%s,URI=\"subtitles_%s.m3u8\"";

    @TempDir
    Path out;

    private final LogCapture log = new LogCapture();

    @BeforeEach
    void capture() {
        log.attach(Level.INFO);
    }

    @AfterEach
    void noProcessLeft() {
        log.detach();
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    @Test
    void dash() throws Exception {
        List<Message> reply = transcode("format=dash&segmentDuration=2");
        assertDashTracks(out.resolve("film/manifest.mpd"));
        assertSubtitleMessages(reply, List.of("subtitles_en.vtt", "subtitles_fr.vtt", "subtitles_de.vtt"));
        assertBitmapSkipped();
        assertEquals(6, channels(out.resolve("film/init-2.m4s")), "the French track stays 5.1");
        assertEquals(2, channels(out.resolve("film/init-1.m4s")));
    }

    @Test
    void hlsMpegts() throws Exception {
        List<Message> reply = transcode("format=hls&segmentDuration=2");
        assertHlsTracks(out.resolve("film/manifest.m3u8"), "stream_audio.m3u8", "stream_audio_fr.m3u8");
        Path variant = out.resolve("film").resolve(firstVariant(out.resolve("film")));
        long firstPts = firstPts(variant.resolveSibling(Files.readAllLines(variant).stream()
                .filter(l -> l.endsWith(".ts")).findFirst().orElseThrow()));
        assertTrue(firstPts > 0, "FFmpeg's MPEG-TS clock does not start at 0");
        assertSubtitleSegments(firstPts);
        assertSubtitleMessages(reply, List.of("subtitles_en_00000.vtt", "subtitles_fr_00001.vtt", "subtitles_de_00001.vtt",
                "subtitles_en.m3u8"));
        assertBitmapSkipped();
    }

    @Test
    void hlsFmp4() throws Exception {
        transcode("format=hls&hlsSegmentType=fmp4&segmentDuration=2");
        assertHlsTracks(out.resolve("film/manifest.m3u8"), "stream_audio.m3u8", "stream_audio_fr.m3u8");
        assertSubtitleSegments(0);
    }

    @Test
    void cmaf() throws Exception {
        List<Message> reply = transcode("format=cmaf&segmentDuration=2");
        assertDashTracks(out.resolve("film/manifest.mpd"));
        assertHlsTracks(out.resolve("film/manifest.m3u8"), "media_1.m3u8", "media_2.m3u8");
        assertSubtitleSegments(0);
        assertEquals(count(Files.readString(out.resolve("film/media_0.m3u8")), "#EXT-X-PROGRAM-DATE-TIME:"),
                count(Files.readString(out.resolve("film/subtitles_en.m3u8")), "#EXT-X-PROGRAM-DATE-TIME:"),
                "the subtitles are dated as the video is (Shaka warns of A/V sync issues otherwise)");
        assertSubtitleMessages(reply, List.of("subtitles_en.vtt", "subtitles_en_00000.vtt", "subtitles_en.m3u8"));
    }

    @Test
    void audioTracksSelectsByLanguageAndSubtitleTracksNoneDropsThem() throws Exception {
        transcode("format=hls&segmentDuration=2&audioTracks=fra&subtitleTracks=none");
        String master = Files.readString(out.resolve("film/manifest.m3u8"));
        assertEquals(1, count(master, "TYPE=AUDIO"), master);
        assertTrue(master.contains("NAME=\"Français 5.1\",LANGUAGE=\"fr\",DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"6\""), master);
        assertFalse(master.contains("SUBTITLES"), master);
        assertFalse(Files.exists(out.resolve("film/subtitles_de.m3u8")));
    }

    @Test
    void audioChannels2DownmixesEveryTrack() throws Exception {
        transcode("format=dash&segmentDuration=2&audioChannels=2&subtitleTracks=none");
        assertEquals(2, channels(out.resolve("film/init-2.m4s")));
        assertTrue(Files.readString(out.resolve("film/manifest.mpd")).contains("lang=\"fr\""));
    }

    @Test
    void audioTracksMatchingNothingFailsNamingWhatTheSourceHas() {
        Exchange result = template.request("streamgear:test?outputDir=" + out + "&audioTracks=deu",
                e -> e.getIn().setBody(TestMedia.film().toFile()));
        Exception e = result.getException();
        assertTrue(e != null && e.getMessage().contains("audioTracks=deu") && e.getMessage().contains("fre"),
                String.valueOf(e));
        assertFalse(Files.exists(out.resolve("film/manifest.mpd")));
    }

    @Test
    void sidecarGivenByHeader() throws Exception {
        Path subs = Files.createDirectories(out.resolve("subs"));
        Path spanish = Files.writeString(subs.resolve("spanish.srt"), "1\n00:00:01,000 --> 00:00:02,000\nHola\n");
        Exchange result = template.request("streamgear:test?outputDir=" + out + "&format=dash&sidecarSubtitles=false",
                e -> {
                    e.getIn().setBody(TestMedia.film().toFile());
                    e.getIn().setHeader(StreamGearConstants.SUBTITLES, "es=" + spanish);
                });
        assertEquals(null, result.getException());
        String mpd = Files.readString(out.resolve("film/manifest.mpd"));
        assertTrue(mpd.contains("subtitles_es.vtt"), mpd);
        assertFalse(mpd.contains("subtitles_de.vtt"), "sidecarSubtitles=false: film.de.srt is not picked up");
        assertTrue(Files.readString(out.resolve("film/subtitles_es.vtt")).contains("Hola"));
    }

    private void assertDashTracks(Path mpd) throws Exception {
        ManifestConformance.assertMpdValid(mpd);
        StreamAssertions.assertDashBandwidth(mpd);
        // described in FFmpeg's own text: attributes in its order, one element per line (a route's check may rely on it)
        String raw = Files.readString(mpd);
        assertTrue(raw.contains("\" width=\"") && raw.matches("(?s).*<Representation id=\"\\d+\" mimeType=.*"), raw);
        assertTrue(raw.matches("(?s).*\n\t+<Label>English</Label>\n\t+<Role [^\n]*/>\n.*"), raw);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(mpd.toFile());
        NodeList sets = doc.getElementsByTagNameNS("*", "AdaptationSet");
        List<String> audio = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (int i = 0; i < sets.getLength(); i++) {
            Element set = (Element) sets.item(i);
            String described = set.getAttribute("lang") + "|" + child(set, "Label") + "|" + role(set);
            if ("audio".equals(set.getAttribute("contentType"))) {
                Element channels = (Element) set.getElementsByTagNameNS("*", "AudioChannelConfiguration").item(0);
                audio.add(described + "|" + channels.getAttribute("value"));
            } else if ("text".equals(set.getAttribute("contentType"))) {
                assertEquals("text/vtt", set.getAttribute("mimeType"));
                String file = set.getElementsByTagNameNS("*", "BaseURL").item(0).getTextContent();
                assertTrue(Files.readString(mpd.resolveSibling(file)).startsWith("WEBVTT"), file);
                text.add(described + "|" + file);
            }
        }
        assertEquals(List.of("en|English|main|2", "fr|Français 5.1|alternate|6"), audio);
        assertEquals(List.of("en|English|subtitle|subtitles_en.vtt", "fr|Français (forced)|forced-subtitle|subtitles_fr.vtt",
                "de|Deutsch|subtitle|subtitles_de.vtt"), text);
        assertTrue(Files.readString(mpd.resolveSibling("subtitles_en.vtt")).contains("Hello one"));
        assertTrue(Files.readString(mpd.resolveSibling("subtitles_fr.vtt")).contains("Bonjour"), "ASS becomes WebVTT text");
    }

    private void assertHlsTracks(Path master, String englishUri, String frenchUri) throws Exception {
        ManifestConformance.assertHlsConforms(master);
        String text = Files.readString(master, StandardCharsets.UTF_8);
        List<String> media = text.lines().filter(l -> l.startsWith("#EXT-X-MEDIA:")).map(l -> l.replaceAll("GROUP-ID=\"[^\"]*\"",
                "GROUP-ID=\"G\"")).toList();
        String subs = SUBTITLES_HLS;
        assertEquals(List.of(
                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"G\",NAME=\"English\",LANGUAGE=\"en\",DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"2\","
                        + "URI=\"" + englishUri + "\"",
                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"G\",NAME=\"Français 5.1\",LANGUAGE=\"fr\",DEFAULT=NO,AUTOSELECT=YES,"
                        + "CHANNELS=\"6\",URI=\"" + frenchUri + "\"",
                String.format(subs, "English", "en", "YES", "NO", "en"),
                String.format(subs, "Français (forced)", "fr", "NO", "YES", "fr"),
                String.format(subs, "Deutsch", "de", "YES", "NO", "de")).toString(), media.toString(), text);
        text.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF:")).forEach(l -> {
            assertTrue(l.contains("SUBTITLES=\"subs\"") && l.matches(".*CODECS=\"[^\"]*wvtt\".*"), l);
        });
        assertEquals(0, count(text, "TYPE=CLOSED-CAPTIONS"));
    }

    /** Each WebVTT segment maps its cues to the media's clock; a cue lies in every segment it shows in. */
    private void assertSubtitleSegments(long mpegts) throws Exception {
        Path dir = out.resolve("film");
        String playlist = Files.readString(dir.resolve("subtitles_en.m3u8"));
        assertTrue(playlist.contains("#EXT-X-ENDLIST") && playlist.contains("#EXT-X-TARGETDURATION:2"), playlist);
        assertEquals(count(Files.readString(dir.resolve(firstVariant(dir))), "#EXTINF:"), count(playlist, "#EXTINF:"),
                "one WebVTT segment per video segment: " + playlist);
        String first = Files.readString(dir.resolve("subtitles_en_00000.vtt"));
        Matcher map = Pattern.compile("^WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:(\\d+),LOCAL:00:00:00.000\n").matcher(first);
        assertTrue(map.find(), first);
        assertEquals(mpegts, Long.parseLong(map.group(1)), 9000, "MPEGTS is the media's first timestamp (within 0.1 s)");
        // the source's timeline: its video starts at 0.021 s and the cue 1.0 s after that, both kept
        assertTrue(first.contains("00:00:01.021 --> 00:00:02.521") && first.contains("Hello one"), first);
        String second = Files.readString(dir.resolve("subtitles_en_00001.vtt"));
        assertTrue(second.contains("Hello one") && !second.contains("Hello two"), "the cue that runs on into 2.0-2.5 s");
        assertTrue(Files.readString(dir.resolve("subtitles_en_00002.vtt")).contains("Hello two"));
        assertTrue(Files.readString(dir.resolve("subtitles_de_00001.vtt")).contains("Hallo"), "the side-car is carried");
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no FFmpeg WebVTT left");
    }

    private static void assertSubtitleMessages(List<Message> reply, List<String> expected) {
        for (String name : expected) {
            Message m = reply.stream().filter(r -> r.getHeader(Exchange.FILE_NAME, String.class).equals("film/" + name))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " is not in the reply"));
            boolean playlist = name.endsWith(".m3u8");
            assertEquals(playlist ? "playlist" : "subtitles", m.getHeader(StreamGearConstants.FILE_KIND), name);
            assertEquals(playlist ? "application/vnd.apple.mpegurl" : "text/vtt", m.getHeader(Exchange.CONTENT_TYPE), name);
            assertEquals(name.replaceAll("subtitles_([a-z-]+).*", "$1"), m.getHeader(StreamGearConstants.RENDITION), name);
        }
    }

    private void assertBitmapSkipped() {
        assertFalse(log.lines(Level.WARN, "dvd_subtitle").isEmpty(), "a warning names the skipped bitmap track");
        assertTrue(log.lines(Level.INFO, "subtitles [en, fr, de]").stream().anyMatch(l -> l.contains("dvd_subtitle")),
                "the job summary says what was carried and what was skipped: " + log.lines(Level.INFO, "Job film"));
    }

    private List<Message> transcode(String options) throws Exception {
        Exchange result = template.request("streamgear:test?outputDir=" + out + "&" + options,
                e -> e.getIn().setBody(TestMedia.film().toFile()));
        if (result.getException() != null) {
            throw new AssertionError("transcode failed", result.getException());
        }
        @SuppressWarnings("unchecked")
        List<Message> reply = result.getMessage().getBody(List.class);
        assertReplyMatchesDisk(reply, out, "film");
        return reply;
    }

    private static String firstVariant(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve("manifest.m3u8")).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .findFirst().orElseThrow();
    }

    private static String child(Element set, String name) {
        NodeList l = set.getElementsByTagNameNS("*", name);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent();
    }

    private static String role(Element set) {
        NodeList l = set.getElementsByTagNameNS("*", "Role");
        return l.getLength() == 0 ? "" : ((Element) l.item(0)).getAttribute("value");
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static int channels(Path init) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=channels", "-of", "csv=p=0",
                init.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return Integer.parseInt(output);
    }

    private static long firstPts(Path ts) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "packet=pts", "-read_intervals", "%+#8",
                "-of", "csv=p=0", ts.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Matcher m = Pattern.compile("(?m)^(\\d+)").matcher(output);
        long min = Long.MAX_VALUE;
        while (m.find()) {
            min = Math.min(min, Long.parseLong(m.group(1)));
        }
        assertTrue(min < Long.MAX_VALUE, "ffprobe read no timestamp from " + ts + ": " + output);
        return min;
    }
}
