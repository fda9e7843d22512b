package io.github.streamgear.examples.yamlroute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.streamgear.examples.yamlroute.TestFiles.await;
import static io.github.streamgear.examples.yamlroute.TestFiles.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * route.yaml, loaded by Camel's YAML DSL (the loader Camel JBang, Camel Main and Spring Boot use) and run against real
 * FFmpeg: a video dropped into the inbox ends up in public/ as DASH and HLS; a broken one ends up in inbox/.failed.
 */
class YamlRouteTest {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void routeYamlTurnsADroppedVideoIntoPublishedDashAndHls() throws Exception {
        String yaml = TestFiles.relocate(Files.readString(Path.of("route.yaml")), dir);
        Path video = TestFiles.sampleVideo(dir.resolve("samples/talk.mp4"), 854, 480, 6);
        Path broken = Files.writeString(dir.resolve("samples/broken.mp4"), "not a video");

        try (CamelContext context = new DefaultCamelContext()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("route.yaml", yaml));
            context.start();
            assertEquals(List.of("video-to-streams"), context.getRoutes().stream().map(Route::getRouteId).toList());

            TestFiles.drop(video, dir.resolve("inbox"));
            TestFiles.drop(broken, dir.resolve("inbox"));

            Path inbox = dir.resolve("inbox");
            await(JOB_TIMEOUT, "inbox/.done/talk.mp4 and inbox/.failed/broken.mp4", () ->
                    Files.exists(inbox.resolve(".done/talk.mp4")) && Files.exists(inbox.resolve(".failed/broken.mp4")));
        }

        // everything the job wrote was published, in the same layout
        Path job = dir.resolve("work/streams/talk");
        Path published = dir.resolve("public/talk");
        List<String> files = tree(published);
        assertEquals(tree(job), files);
        assertTrue(files.containsAll(List.of("manifest.mpd", "manifest.m3u8")), files.toString());

        // the ladder: 854x480 (the source), 640x360 and 426x240, in one DASH adaptation set and in the HLS master
        String mpd = Files.readString(published.resolve("manifest.mpd"));
        assertEquals(List.of("854x480", "640x360", "426x240"), sizes(mpd, "width=\"(\\d+)\" height=\"(\\d+)\""), mpd);
        String master = Files.readString(published.resolve("manifest.m3u8"));
        assertEquals(List.of("854x480", "640x360", "426x240"), sizes(master, "RESOLUTION=(\\d+)x(\\d+)"), master);
        for (String segment : files) {
            if (segment.endsWith(".m4s")) {
                assertTrue(Files.size(published.resolve(segment)) > 0, segment);
            }
        }

        // the broken upload failed its job and published nothing
        assertFalse(Files.exists(dir.resolve("public/broken")), tree(dir.resolve("public")).toString());
    }

    @Test
    void readmeShowsRouteYamlAsItIs() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("(?ms)^```yaml\\n(.*?)^```\\n").matcher(readme);
        assertTrue(block.find(), "a yaml block in README.md");
        assertEquals(Files.readString(Path.of("route.yaml")), block.group(1), "README.md shows route.yaml as it is");
    }

    private static List<String> sizes(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> sizes = new ArrayList<>();
        while (m.find()) {
            sizes.add(m.group(1) + "x" + m.group(2));
        }
        return sizes;
    }
}
