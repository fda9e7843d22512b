package io.github.streamgear.examples.vodfile;

import java.nio.file.Path;

import org.apache.camel.builder.RouteBuilder;

/**
 * Transcodes the video in the body (a {@code File}) twice: into MPEG-DASH under {@code OUTPUT/dash/JOB} and into
 * HLS under {@code OUTPUT/hls/JOB}, where JOB is the video's base name. The exchange ends with the manifests' paths,
 * relative to the output folder, in the properties {@code dashManifest} and {@code hlsManifest}.
 */
public class VodFileRoutes extends RouteBuilder {

    /** Renditions besides the one at source size (720p for the sample): WIDTHxHEIGHT@BITRATE; -Dstreams changes them. */
    static final String LADDER = "640x360@800k,426x240@400k";

    private final Path outputDir;
    private final String streams;

    public VodFileRoutes(Path outputDir) {
        this(outputDir, LADDER);
    }

    /**
     * @param streams the component's {@code streams} option: renditions besides the one at source size, e.g.
     *                {@code 1280x720@2500k,640x360}; blank for the source-size rendition only
     */
    public VodFileRoutes(Path outputDir, String streams) {
        this.outputDir = outputDir;
        this.streams = streams == null ? "" : streams.strip();
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

    String streamgear(String format) {
        return "streamgear:" + format
                + "?format=" + format
                + (streams.isEmpty() ? "" : "&streams=RAW(" + streams + ")")
                + "&segmentDuration=4"
                + "&clearPrevAssets=true"                     // re-runs replace the previous output
                + "&outputDir=RAW(" + outputDir.resolve(format) + ")";
    }
}
