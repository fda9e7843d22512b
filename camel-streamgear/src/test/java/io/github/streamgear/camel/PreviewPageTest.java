package io.github.streamgear.camel;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.streamgear.engine.output.PreviewPage;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.streamgear.testing.StreamAssertions.assertReplyMatchesDisk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Option previewPage writes an index.html that plays the output, published after the manifests it opens. */
class PreviewPageTest extends CamelTestSupport {

    @TempDir
    Path out;

    @Test
    void hlsPreviewUsesHlsJsAndComesLast() throws Exception {
        List<Message> reply = transcode("format=hls&previewPage=true");
        assertReplyMatchesDisk(reply, out, "no-audio");
        Message last = reply.get(reply.size() - 1);
        assertEquals("no-audio/index.html", last.getHeader(Exchange.FILE_NAME));
        assertEquals("preview", last.getHeader(StreamGearConstants.FILE_KIND));
        assertEquals("text/html; charset=utf-8", last.getHeader(Exchange.CONTENT_TYPE));
        String page = Files.readString(out.resolve("no-audio/index.html"));
        assertTrue(page.contains("src=\"" + PreviewPage.HLS_JS + "\""), page);
        assertTrue(page.contains("const src = 'manifest.m3u8'"), page);
        // responsive: 960 px wide at most, narrower on a narrow window, the height following the picture
        assertTrue(page.contains("video{display:block;width:960px;max-width:100%;height:auto;"), page);
        assertTrue(page.contains("<video id=\"video\" controls muted autoplay playsinline></video>"), page);
    }

    @Test
    void dashPreviewUsesShakaOrTheGivenPlayer() throws Exception {
        transcode("format=cmaf&previewPage=true&previewPlayerUrl=/players/shaka.js");
        String page = Files.readString(out.resolve("no-audio/index.html"));
        assertTrue(page.contains("src=\"/players/shaka.js\"") && page.contains("const src = 'manifest.mpd'"), page);
        assertTrue(page.contains("new shaka.Player()"), page);
    }

    /** previewPlayer=copy: the player the page loads is written beside it from the jar, and published before it. */
    @Test
    void copyWritesThePlayerBesideThePageAndPublishesItFirst() throws Exception {
        List<Message> reply = transcode("format=cmaf&previewPage=true&previewPlayer=copy");
        assertReplyMatchesDisk(reply, out, "no-audio");
        Message player = reply.get(reply.size() - 2);
        assertEquals("no-audio/shaka-player.compiled.js", player.getHeader(Exchange.FILE_NAME));
        assertEquals("player", player.getHeader(StreamGearConstants.FILE_KIND));
        assertEquals("text/javascript", player.getHeader(Exchange.CONTENT_TYPE));
        assertEquals("no-audio/index.html", reply.get(reply.size() - 1).getHeader(Exchange.FILE_NAME));
        try (InputStream jar = PreviewPage.class.getResourceAsStream("/io/github/streamgear/preview/shaka-player.compiled.js")) {
            assertArrayEquals(jar.readAllBytes(), Files.readAllBytes(out.resolve("no-audio/shaka-player.compiled.js")));
        }
        String page = Files.readString(out.resolve("no-audio/index.html"));
        assertTrue(page.contains("src=\"shaka-player.compiled.js\""), page);
        assertFalse(page.contains("cdn.jsdelivr.net"), page);
        assertFalse(Files.exists(out.resolve("no-audio/hls.min.js")), "only the player of the format");
    }

    @Test
    void copyAndAPlayerUrlExcludeEachOther() {
        Exception e = assertThrows(Exception.class,
                () -> context.getEndpoint("streamgear:p?outputDir=" + out + "&previewPage=true&previewPlayer=copy"
                                          + "&previewPlayerUrl=/players/hls.js").createProducer());
        String messages = "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages += t.getMessage() + "\n";
        }
        assertTrue(messages.contains("Options 'previewPlayer=copy' and 'previewPlayerUrl' exclude each other"), messages);
    }

    @Test
    void noPageUnlessAsked() throws Exception {
        transcode("format=dash");
        assertFalse(Files.exists(out.resolve("no-audio/index.html")));
    }

    private List<Message> transcode(String options) {
        Exchange x = template.request("streamgear:p?outputDir=" + out + "&" + options,
                e -> e.getIn().setBody(TestMedia.noAudio().toFile()));
        assertNull(x.getException());
        @SuppressWarnings("unchecked")
        List<Message> reply = x.getMessage().getBody(List.class);
        return reply;
    }
}
