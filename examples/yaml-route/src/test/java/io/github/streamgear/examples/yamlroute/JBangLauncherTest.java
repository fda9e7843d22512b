package io.github.streamgear.examples.yamlroute;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.streamgear.examples.yamlroute.TestFiles.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's supported Camel JBang command (the launcher in jbang/, Camel JBang 4.17.0), run exactly as printed, plus
 * --max-messages=1, in a temporary copy of this folder (route.yaml, and jbang/ linked) with a generated video in the
 * inbox: Camel JBang starts, runs route.yaml with camel-streamgear from the local Maven repository, and publishes the
 * video's DASH and HLS.
 */
class JBangLauncherTest {

    private static final Pattern BLOCK =
            Pattern.compile("(?ms)^<!-- jbang-command:[^\\n]*-->\\n```sh\\n(.*?)^```\\n");
    private static final String CD = "cd examples/yaml-route";

    @TempDir
    Path dir;

    @Test
    void theReadmesJBangCommandPublishesADroppedVideo() throws Exception {
        String command = readmeCommand();
        assumeFalse("false".equals(System.getProperty("streamgear.jbang")), "-Dstreamgear.jbang=false");
        Path repo = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
        Path jar = repo.resolve("io/github/streamgear/camel-streamgear/0.1.0-SNAPSHOT/camel-streamgear-0.1.0-SNAPSHOT.jar");
        assumeTrue(Files.isRegularFile(jar), "camel-streamgear is not installed in " + repo + ": run mvn install first");

        // this folder as the README's reader sees it: route.yaml, and the launcher project
        Files.copy(Path.of("route.yaml"), dir.resolve("route.yaml"));
        Files.createSymbolicLink(dir.resolve("jbang"), Path.of("jbang").toAbsolutePath());
        Path video = TestFiles.sampleVideo(dir.resolve("samples/movie.mp4"), 640, 360, 3);
        TestFiles.drop(video, dir.resolve("inbox"));

        String run = command.substring(0, command.lastIndexOf('"')) + " --max-messages=1\"";
        Path log = dir.resolve("jbang.log");
        Process p = new ProcessBuilder("sh", "-c", run).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("the JBang command did not stop within 10 minutes: " + run + "\n" + TestFiles.read(log));
        }
        String output = TestFiles.read(log);
        assertEquals(0, p.exitValue(), () -> run + "\n" + output);
        assertTrue(output.contains("Apache Camel (JBang) 4.17.0 is starting"), output);

        Path published = dir.resolve("public/movie");
        List<String> files = tree(published);
        assertTrue(files.containsAll(List.of("manifest.mpd", "manifest.m3u8")), files + "\n" + output);
        assertEquals(tree(dir.resolve("work/streams/movie")), files, output);
        assertTrue(Files.exists(dir.resolve("inbox/.done/movie.mp4")), output);
    }

    /** The command of the README's marked block, continuation lines joined, after its cd; checked for its form. */
    private static String readmeCommand() throws Exception {
        Matcher block = BLOCK.matcher(Files.readString(Path.of("README.md")));
        assertTrue(block.find(), "README.md has a block marked <!-- jbang-command: ... -->");
        String text = block.group(1).replace("\\\n", " ");
        List<String> lines = text.lines().toList();
        assertEquals(2, lines.size(), "the block is the cd and one command: " + text);
        assertEquals(CD, lines.get(0).strip());
        String command = lines.get(1).strip().replaceAll(" +", " ");
        assertTrue(command.matches("mvn .*-f jbang .*exec:exec -Dcamel\\.args=\"run route\\.yaml --dep=io\\.github\\.streamgear:"
                + "camel-streamgear:0\\.1\\.0-SNAPSHOT\""), command);
        return command;
    }
}
