package io.github.streamgear.camel;

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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    }

    @Test
    void dashPreviewUsesShakaOrTheGivenPlayer() throws Exception {
        transcode("format=cmaf&previewPage=true&previewPlayerUrl=/players/shaka.js");
        String page = Files.readString(out.resolve("no-audio/index.html"));
        assertTrue(page.contains("src=\"/players/shaka.js\"") && page.contains("const src = 'manifest.mpd'"), page);
        assertTrue(page.contains("new shaka.Player()"), page);
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
