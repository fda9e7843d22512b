package io.github.streamgear.examples.yamlroute;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.streamgear.examples.yamlroute.TestFiles.await;
import static io.github.streamgear.examples.yamlroute.TestFiles.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/getting-started.md must not rot: its Java routes are compiled as printed and run together against real FFmpeg
 * (with their folders moved to a temporary directory), and its YAML route is route.yaml, which YamlRouteTest runs.
 */
class GettingStartedGuideTest {

    private static final Path GUIDE = Path.of("..", "..", "docs", "getting-started.md");
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```(java|yaml)\\n(.*?)^```\\n");
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

    @TempDir
    Path dir;

    @Test
    void yamlRouteOfTheGuideIsRouteYaml() throws Exception {
        List<String> yaml = blocks("yaml");
        assertEquals(1, yaml.size(), "YAML blocks in " + GUIDE);
        assertEquals(Files.readString(Path.of("route.yaml")), yaml.get(0), GUIDE + " shows route.yaml as it is");
    }

    @Test
    void javaRoutesOfTheGuideCompileAndRun() throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String block : blocks("java")) {
            Matcher name = CLASS_NAME.matcher(block);
            assertTrue(name.find(), "a public class in\n" + block);
            sources.put(name.group(1), TestFiles.relocate(block, dir));
        }
        assertEquals(List.of("VodRoute", "FramesRoute", "LiveRoute"), List.copyOf(sources.keySet()));

        try (URLClassLoader loader = compile(sources); CamelContext context = new DefaultCamelContext()) {
            for (String name : sources.keySet()) {
                context.addRoutes((RoutesBuilder) loader.loadClass(name).getConstructor().newInstance());
            }
            NotifyBuilder framesDone = new NotifyBuilder(context).from("timer:render*").whenCompleted(250).create();
            NotifyBuilder liveDone = new NotifyBuilder(context).from("timer:camera*").whenCompleted(500).create();
            context.start();

            // 1. VOD: a video dropped into the inbox is published as DASH and HLS
            Path video = TestFiles.sampleVideo(dir.resolve("samples/talk.mp4"), 854, 480, 5);
            TestFiles.drop(video, dir.resolve("inbox"));

            // 3. live, while it runs: a dynamic MPD, a window of segments
            Path live = dir.resolve("work/live/live");
            await(Duration.ofSeconds(30), "the live MPD", () -> Files.exists(live.resolve("manifest.mpd")));
            assertTrue(Files.readString(live.resolve("manifest.mpd")).contains("type=\"dynamic\""));

            await(Duration.ofSeconds(120), "the VOD job", () -> Files.exists(dir.resolve("inbox/.done/talk.mp4")));
            List<String> published = tree(dir.resolve("public/talk"));
            assertEquals(tree(dir.resolve("work/streams/talk")), published);
            assertTrue(published.containsAll(List.of("manifest.mpd", "manifest.m3u8")), published.toString());

            // 2. frames: 10 s rendered into HLS, two renditions
            assertTrue(framesDone.matches(120, java.util.concurrent.TimeUnit.SECONDS), "250 frames routed");
            Path frames = dir.resolve("work/frames/render");
            String master = Files.readString(frames.resolve("manifest.m3u8"));
            assertTrue(master.contains("RESOLUTION=640x360") && master.contains("RESOLUTION=426x240"), master);
            assertTrue(Files.readString(frames.resolve("stream_360p.m3u8")).contains("#EXT-X-ENDLIST"));

            // 3. live, at the end: a static MPD over the last window, ended playlists, old segments deleted
            assertTrue(liveDone.matches(60, java.util.concurrent.TimeUnit.SECONDS), "500 live frames routed");
            String mpd = Files.readString(live.resolve("manifest.mpd"));
            assertTrue(mpd.contains("type=\"static\""), mpd);
            List<String> liveFiles = tree(live);
            List<String> playlists = liveFiles.stream().filter(f -> f.startsWith("media_") && f.endsWith(".m3u8")).toList();
            assertFalse(playlists.isEmpty(), liveFiles.toString());
            for (String playlist : playlists) {
                assertTrue(Files.readString(live.resolve(playlist)).contains("#EXT-X-ENDLIST"), playlist);
            }
            long videoSegments = liveFiles.stream().filter(f -> f.startsWith("chunk-0-")).count();
            assertTrue(videoSegments > 0 && videoSegments <= 3 + 2 + 1, "window 3 + extra 2: " + liveFiles);
        }
    }

    private List<String> blocks(String language) throws Exception {
        Matcher m = BLOCK.matcher(Files.readString(GUIDE));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(language)) {
                blocks.add(m.group(2));
            }
        }
        return blocks;
    }

    /** Compiles the classes with the test classpath (the component, camel-main, camel-timer) into dir/classes. */
    private URLClassLoader compile(Map<String, String> sources) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", testClasspath(), "-proc:none"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            args.add(Files.writeString(src.resolve(e.getKey() + ".java"), e.getValue()).toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK (javax.tools compiler)");
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
        assertEquals(0, rc, () -> "The Java routes of " + GUIDE + " do not compile:\n" + errors);
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    }

    private static String testClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path", "") + File.pathSeparator;
    }
}
