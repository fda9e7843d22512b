package io.github.streamgear.examples.vodfile;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.main.Main;

/**
 * Turns one video file into MPEG-DASH and HLS with the streamgear: component, prints how to play the result, and
 * exits.
 * <p>
 * System properties (or program arguments {@code [input [output]]}):
 * <ul>
 * <li>{@code input}: the video to transcode; without it a 10 s sample video is generated as OUTPUT/sample.mp4;</li>
 * <li>{@code output}: the output folder, {@code output} in the working directory by default (the Maven build sets
 * it to {@code examples/vod-file/output});</li>
 * <li>{@code streams}: the renditions besides the one at source size, as the component's {@code streams} option
 * ({@code WIDTHxHEIGHT[@BITRATE]}, comma-separated), {@value VodFileRoutes#LADDER} by default; empty for the
 * source-size rendition only.</li>
 * </ul>
 */
public final class VodFileApp {

    private VodFileApp() {
    }

    public static void main(String[] args) throws Exception {
        String input = System.getProperty("input", args.length > 0 ? args[0] : null);
        Path outputDir = Path.of(System.getProperty("output", args.length > 1 ? args[1] : "output"))
                .toAbsolutePath().normalize();

        Path video = input == null || input.isBlank()
                ? SampleVideo.create(outputDir.resolve("sample.mp4"))
                : Path.of(input).toAbsolutePath();
        if (!Files.isRegularFile(video)) {
            throw new IllegalArgumentException("Input video " + video + " does not exist");
        }

        Main main = new Main();
        String streams = System.getProperty("streams", VodFileRoutes.LADDER);
        main.configure().withName("vod-file").addRoutesBuilder(new VodFileRoutes(outputDir, streams));
        main.start();
        Exchange done;
        try {
            done = main.getCamelTemplate().send("direct:vod", e -> e.getMessage().setBody(video.toFile()));
        } finally {
            main.stop();
        }
        if (done.getException() != null) {
            throw done.getException();
        }
        printHowToPlay(outputDir, done.getProperty("dashManifest", String.class),
                done.getProperty("hlsManifest", String.class));
    }

    private static void printHowToPlay(Path outputDir, String dashManifest, String hlsManifest) {
        System.out.printf("""

                Done. Adaptive streams of the video:
                  DASH manifest:        %1$s
                  HLS master playlist:  %2$s

                To play them, serve the output folder over HTTP:
                  cd '%3$s' && python3 -m http.server 8000
                and open, in another terminal:
                  ffplay http://127.0.0.1:8000/%4$s
                  ffplay http://127.0.0.1:8000/%5$s
                (browser players such as the Shaka Player or hls.js demo pages also need a server that sends CORS
                headers, which python's http.server does not: see the example's README)
                ffprobe reads the HLS master playlist straight from disk:
                  ffprobe -v error -show_entries stream=width,height -of compact '%2$s'

                """, outputDir.resolve(dashManifest), outputDir.resolve(hlsManifest), outputDir, dashManifest, hlsManifest);
    }
}
