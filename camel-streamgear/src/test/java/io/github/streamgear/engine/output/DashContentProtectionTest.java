package io.github.streamgear.engine.output;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.testing.ManifestConformance;
import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CENC signalling edited into a real FFmpeg MPD: where the schema wants it, FFmpeg's text otherwise untouched. */
class DashContentProtectionTest {

    private static final byte[] KID = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final String PLAYREADY = "<ContentProtection schemeIdUri=\"urn:uuid:9a04f079-9840-4286-ab92-e65be0885f95\""
            + " value=\"MSPR 2.0\"/>";

    @TempDir
    Path dir;

    @Test
    void everyAudioAndVideoAdaptationSetIsSignalledAndTheMpdStillValidates() throws Exception {
        Path mpd = dir.resolve("manifest.mpd");
        TestMedia.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i",
                TestMedia.standard().toString(), "-map", "0:v", "-map", "0:a", "-c", "copy", "-t", "2", "-f", "dash",
                "-use_template", "1", "-use_timeline", "1", "-adaptation_sets", "id=0,streams=v id=1,streams=a",
                mpd.toString()));
        String ffmpeg = Files.readString(mpd, StandardCharsets.UTF_8);

        String signalled = DashContentProtection.signal(ffmpeg, KID, "https://licence.example/clearkey?a=1&b=2",
                List.of(PLAYREADY));
        Files.writeString(mpd, signalled, StandardCharsets.UTF_8);
        assertEquals(List.of(), ManifestConformance.mpdErrors(mpd), "validates against the MPEG-DASH schema");
        // the schema check is live and the place matters: after the Representations it would not validate
        Path misplaced = dir.resolve("misplaced.mpd");
        Files.writeString(misplaced, ffmpeg.replaceFirst("</AdaptationSet>", "<ContentProtection schemeIdUri=\""
                + DashContentProtection.MP4_PROTECTION + "\" value=\"cenc\"/></AdaptationSet>"), StandardCharsets.UTF_8);
        assertFalse(ManifestConformance.mpdErrors(misplaced).isEmpty());

        assertTrue(signalled.contains("xmlns:cenc=\"urn:mpeg:cenc:2013\""), signalled);
        assertEquals(2, count(signalled, "schemeIdUri=\"urn:mpeg:dash:mp4protection:2011\" value=\"cenc\""
                + " cenc:default_KID=\"00112233-4455-6677-8899-aabbccddeeff\""));
        assertEquals(2, count(signalled, "schemeIdUri=\"urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e\""));
        assertEquals(2, count(signalled, "<dashif:Laurl xmlns:dashif=\"https://dashif.org/CPS\">"
                + "https://licence.example/clearkey?a=1&amp;b=2</dashif:Laurl>"));
        assertEquals(2, count(signalled, PLAYREADY));
        // FFmpeg's lines are all still there, in order, as written: only lines were added
        assertEquals(ffmpeg.replace("<MPD ", "<MPD xmlns:cenc=\"urn:mpeg:cenc:2013\" ").lines().toList(), signalled.lines()
                .filter(l -> !l.contains("ContentProtection") && !l.contains("dashif:Laurl")).toList());
        // ContentProtection comes first in the AdaptationSet, before its Representations
        Matcher set = Pattern.compile("<AdaptationSet [^>]*>\\n(\\s*)<ContentProtection").matcher(signalled);
        assertTrue(set.find() && set.find(), signalled);
    }

    @Test
    void otherAdaptationSetsAndSchemaOrderAreRespected() {
        String mpd = "<?xml version=\"1.0\"?>\n<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\">\n\t<Period>\n"
                + "\t\t<AdaptationSet id=\"0\" contentType=\"audio\">\n"
                + "\t\t\t<AudioChannelConfiguration schemeIdUri=\"urn:mpeg:dash:23003:3:audio_channel_configuration:2011\" value=\"2\" />\n"
                + "\t\t\t<Role schemeIdUri=\"urn:mpeg:dash:role:2011\" value=\"main\"/>\n"
                + "\t\t</AdaptationSet>\n"
                + "\t\t<AdaptationSet id=\"9\" contentType=\"image\" mimeType=\"image/jpeg\">\n\t\t</AdaptationSet>\n"
                + "\t</Period>\n</MPD>\n";
        String signalled = DashContentProtection.signal(mpd, KID, null, List.of());
        assertTrue(signalled.contains("value=\"2\" />\n\t\t\t<ContentProtection schemeIdUri=\"urn:mpeg:dash:mp4protection:2011\""
                + " value=\"cenc\" cenc:default_KID=\"00112233-4455-6677-8899-aabbccddeeff\"/>\n\t\t\t<Role"), signalled);
        assertEquals(1, count(signalled, "<ContentProtection"), "the thumbnails are not encrypted: " + signalled);
        assertEquals(0, count(signalled, "e2719d58"), "no licence URL, no ClearKey element");

        assertThrows(IllegalArgumentException.class, () -> DashContentProtection.signal(signalled, KID, null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> DashContentProtection.signal(mpd, KID, null,
                List.of("<Role/>")));
        assertThrows(IllegalArgumentException.class, () -> DashContentProtection.signal(mpd, new byte[8], null,
                List.of()));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }
}
