package io.github.streamgear.examples.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Every video dropped into the inbox becomes DASH and HLS under the component's output folder, in a sub-folder named
 * after the file. The {@code streamgear:vod} endpoint sets no option: format, ladder, segment duration and folders
 * come from {@code camel.component.streamgear.*} in {@code application.properties}.
 */
@Component
public class VideoRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("file:{{app.inbox}}?antInclude=*.mp4,*.mov,*.mkv,*.webm"
             + "&readLock=changed"              // wait until an upload has finished growing
             + "&move=.done&moveFailed=.failed") // the video ends in inbox/.done/ or inbox/.failed/
            .routeId("inbox")
            .to("direct:transcode");

        from("direct:transcode")
            .routeId("transcode")
            .to("streamgear:vod")               // the reply: one message per file written, manifests last
            .log("Wrote {{camel.component.streamgear.output-dir}}/${header.CamelStreamGearManifest}");
    }
}
