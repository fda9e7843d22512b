package io.github.streamgear.playback;

import java.nio.file.Path;

import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

class ScratchSamplesTest extends CamelTestSupport {
    @Test
    void make() {
        Path out = Path.of("/tmp/sg-samples");
        for (String f : new String[] {"dash", "hls", "hlsf", "cmaf"}) {
            String opts = switch (f) { case "hlsf" -> "format=hls&hlsSegmentType=fmp4"; default -> "format=" + f; };
            Exchange r = template.request("streamgear:s?" + opts + "&streams=320x180&segmentDuration=2&outputDir=" + out, e -> {
                e.getIn().setBody(TestMedia.standard().toFile());
                e.getIn().setHeader("CamelStreamGearJobId", f);
            });
            if (r.getException() != null) throw new AssertionError(r.getException());
        }
    }
}
