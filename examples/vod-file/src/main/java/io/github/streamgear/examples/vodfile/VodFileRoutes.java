package io.github.streamgear.examples.vodfile;

import java.nio.file.Path;

import org.apache.camel.builder.RouteBuilder;

/**
 * Transcodes the video in the body (a {@code File}) twice: into MPEG-DASH under {@code OUTPUT/dash/JOB} and into
 * HLS under {@code OUTPUT/hls/JOB}, where JOB is the video's base name. The exchange ends with the manifests' paths,
 * relative to the output folder, in the properties {@code dashManifest} and {@code hlsManifest}.
 */
public class VodFileRoutes extends RouteBuilder {

    /** Renditions besides the one at source size (720p for the sample): WIDTHxHEIGHT@BITRATE. */
    static final String LADDER = "640x360@800k,426x240@400k";

    private final Path outputDir;

    public VodFileRoutes(Path outputDir) {
        this.outputDir = outputDir;
    }

    @Override
    public void configure() {
        from("direct:vod").routeId("vod-file")
            .setProperty("video", body())
            .to(streamgear("dash"))
            .setProperty("dashManifest", simple("dash/${header.CamelStreamGearManifest}"))
            .log("DASH manifest: ${exchangeProperty.dashManifest}")

            .setBody(exchangeProperty("video"))       // the reply replaced the body with the list of files
            .to(streamgear("hls"))
            .setProperty("hlsManifest", simple("hls/${header.CamelStreamGearManifest}"))
            .log("HLS master playlist: ${exchangeProperty.hlsManifest}");
    }

    private String streamgear(String format) {
        return "streamgear:" + format
                + "?format=" + format
                + "&streams=" + LADDER
                + "&segmentDuration=4"
                + "&clearPrevAssets=true"                     // re-runs replace the previous output
                + "&outputDir=RAW(" + outputDir.resolve(format) + ")";
    }
}
