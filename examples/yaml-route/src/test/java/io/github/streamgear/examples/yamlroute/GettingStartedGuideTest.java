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
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/getting-started.md must not rot: its Java routes are compiled as printed and run together against real FFmpeg
 * (with their folders moved to a temporary directory), its project (pom.xml, log4j2.properties, the routes) is built
 * and run by Maven as printed, and its YAML route is route.yaml, which YamlRouteTest runs.
 */
class GettingStartedGuideTest {

    private static final Path GUIDE = Path.of("..", "..", "docs", "getting-started.md");
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```(java|yaml|xml|properties|sh)\\n(.*?)^```\\n");
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

    /**
     * The project of the guide as printed: its pom.xml, its log4j2.properties and its classes, built by Maven (with the
     * local repository the build installed the component into; not offline: the guide's exec plugin needs its parent
     * POM, which no earlier step of a fresh machine's build may have fetched) and run with the guide's own command, quiet
     * (-q) as the READMEs run the examples: an .avi dropped into inbox/ is published and the component's job lines are
     * on the console.
     */
    @Test
    void projectOfTheGuideBuildsAndLogsTheJob() throws Exception {
        Path project = dir.resolve("my-streams");
        List<String> poms = blocks("xml");
        assertEquals(1, poms.size(), "pom.xml blocks in " + GUIDE);
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), poms.get(0));
        // the guide's other properties block is Spring Boot's application.properties
        List<String> properties = blocks("properties").stream().filter(b -> b.contains("appender")).toList();
        assertEquals(1, properties.size(), "log4j2.properties blocks in " + GUIDE);
        Files.writeString(Files.createDirectories(project.resolve("src/main/resources")).resolve("log4j2.properties"),
                properties.get(0));
        Path sources = Files.createDirectories(project.resolve("src/main/java"));
        for (String block : blocks("java")) {
            Matcher name = CLASS_NAME.matcher(block);
            assertTrue(name.find(), "a public class in\n" + block);
            Files.writeString(sources.resolve(name.group(1) + ".java"), block);
        }

        String command = blocks("sh").stream().filter(c -> c.contains("exec:java")).findFirst().orElseThrow().trim();
        assertEquals("mvn -q compile exec:java -Dexec.mainClass=VodRoute", command, "the guide's run command");
        Path video = project.resolve("talk.avi");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=10", "-t", "3", "-c:v", "mpeg4", "-pix_fmt", "yuv420p", video.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, ffmpeg.waitFor(), () -> "ffmpeg: " + new String(readAll(ffmpeg)));
        TestFiles.drop(video, project.resolve("inbox"));

        List<String> mvn = new ArrayList<>(List.of(mavenExecutable(), "-B", "-ntp"));
        String repo = System.getProperty("guide.localRepository", "");
        if (!repo.isBlank()) {
            mvn.add("-Dmaven.repo.local=" + repo);
        }
        mvn.addAll(List.of(command.substring("mvn ".length()).split(" ")));
        mvn.add("-Dexec.args=-di 5");   // Camel Main exits once idle for 5 s, as the guide says
        Path log = dir.resolve("mvn.log");
        Process maven = new ProcessBuilder(mvn).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!maven.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            maven.destroyForcibly().waitFor();
            fail("mvn did not end in 5 minutes:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        assertEquals(0, maven.exitValue(), () -> String.join(" ", mvn) + "\n" + output);
        assertTrue(output.contains("INFO  Transcoder") && output.contains("Job talk: transcoding "), output);
        assertTrue(output.contains("Job talk: mpeg4 320x240"), "the job's result line\n" + output);
        assertTrue(output.contains("Published talk/manifest.mpd"), output);
        assertTrue(Files.exists(project.resolve("inbox/.done/talk.avi")), output);
        assertTrue(Files.exists(project.resolve("public/talk/manifest.m3u8")), output);
    }

    /** VodRoute's (and route.yaml's) file filter takes every video container of the component's demuxer allow-list. */
    @Test
    void fileFilterTakesWhatTheComponentReads() throws Exception {
        // the allow-list's demuxers and the file extensions they read; the audio-only and raw ones have no place in a
        // folder of videos (rawvideo needs its size and pixel format, h264/hevc/mjpeg elementary streams no timestamps)
        Map<String, List<String>> extensions = new LinkedHashMap<>();
        extensions.put("mov", List.of("mov")); extensions.put("mp4", List.of("mp4")); extensions.put("m4v", List.of("m4v"));
        extensions.put("3gp", List.of("3gp")); extensions.put("3g2", List.of("3g2"));
        extensions.put("matroska", List.of("mkv")); extensions.put("webm", List.of("webm"));
        extensions.put("avi", List.of("avi")); extensions.put("mpegts", List.of("ts", "mts", "m2ts"));
        extensions.put("flv", List.of("flv")); extensions.put("mpeg", List.of("mpg", "mpeg")); extensions.put("mxf", List.of("mxf"));
        extensions.put("asf", List.of("wmv", "asf")); extensions.put("ogg", List.of("ogv"));
        extensions.put("yuv4mpegpipe", List.of("y4m"));
        List<String> notVideoFiles = List.of("m4a", "mj2", "h264", "hevc", "mjpeg", "rawvideo", "wav", "mp3", "aac");
        List<String> demuxers = List.of(io.github.streamgear.engine.settings.InputPolicy.DEFAULT_DEMUXERS.split(","));
        for (String demuxer : demuxers) {
            assertTrue(extensions.containsKey(demuxer) || notVideoFiles.contains(demuxer),
                    "the component reads " + demuxer + ": which files should VodRoute take for it?");
        }

        Matcher vod = Pattern.compile("VIDEOS = \"([^\"]+)\"").matcher(blocks("java").get(0));
        assertTrue(vod.find(), "VodRoute's VIDEOS");
        Matcher yaml = Pattern.compile("antInclude: \"([^\"]+)\"").matcher(Files.readString(Path.of("route.yaml")));
        assertTrue(yaml.find(), "route.yaml's antInclude");
        assertEquals(vod.group(1), yaml.group(1), "route.yaml takes the files VodRoute takes");
        assertTrue(blocks("java").get(0).contains("antFilterCaseSensitive=false"), "VodRoute takes TALK.MP4 too");

        org.apache.camel.util.AntPathMatcher ant = org.apache.camel.util.AntPathMatcher.INSTANCE;
        List<String> patterns = List.of(vod.group(1).split(","));
        for (Map.Entry<String, List<String>> e : extensions.entrySet()) {
            if (demuxers.contains(e.getKey())) {
                for (String ext : e.getValue()) {
                    assertTrue(patterns.stream().anyMatch(p -> ant.match(p, "talk." + ext)),
                            "VodRoute skips talk." + ext + " (" + e.getKey() + "), which the component reads: " + patterns);
                }
            }
        }
        for (String other : List.of("notes.txt", "talk.mp4.part", "cover.jpg")) {
            assertFalse(patterns.stream().anyMatch(p -> ant.match(p, other)), other);
        }
    }

    private static String mavenExecutable() {
        String home = System.getProperty("maven.home", "");
        Path mvn = Path.of(home, "bin", "mvn");
        return !home.isBlank() && Files.isExecutable(mvn) ? mvn.toString() : "mvn";
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getInputStream().readAllBytes();
        } catch (java.io.IOException e) {
            return e.toString().getBytes();
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
