package io.github.streamgear.examples.scaleout;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's one command ({@code ScaleOut all} with {@code -Ddemo=true}) as its own JVM: the broker, the S3 server,
 * two workers, the monitor and the submitter start together, two generated 3 s videos are transcoded, and the JVM exits
 * 0 with both jobs' manifests in the S3 server's store. The broker must start quietly: no warning about a missing
 * dead-letter or expiry address (AMQ222165, AMQ222166), which every queue had before it was configured.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OneCommandTest {

    private static final Path LOGS = Path.of("target", "one-command-test").toAbsolutePath();

    @Test
    void oneCommandStartsEveryRoleTranscodesTheSamplesAndExits() throws Exception {
        Path work = Files.createTempDirectory("scale-out-all");
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve("all.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            command.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "TERM", "--")); // dies with this JVM
        }
        command.addAll(List.of(java, "-cp", classpath, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dwork=" + work, "-Dbroker.url=tcp://127.0.0.1:" + freePort(), "-Ds3.url=http://127.0.0.1:" + freePort(),
                "-Ddemo=true", "-Dcount=2", "-Dseconds=3", "-Ddemo.timeout=80",
                "-Djobs.streams=320x180", "-Djobs.segmentDuration=2",
                ScaleOut.class.getName(), "all"));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(process.waitFor(100, TimeUnit.SECONDS), "the demo did not exit within 100 s; see " + log);
            String output = Files.readString(log);
            System.out.printf("one command: exit %d after %.1f s%n", process.exitValue(), (System.nanoTime() - started) / 1e9);
            assertEquals(0, process.exitValue(), "exit code; output:\n" + output);
            assertTrue(output.contains("Demo done: 2 jobs"), output);

            List<String> brokerWarnings = output.lines()
                    .filter(line -> line.contains("WARN") && (line.contains("AMQ222165") || line.contains("AMQ222166")
                            || line.contains("Dead Letter Address") || line.contains("Expiry Address")))
                    .toList();
            assertEquals(List.of(), brokerWarnings, "the broker warns about its address settings");

            Path streams = work.resolve("s3").resolve("media").resolve("streams");
            try (Stream<Path> jobs = Files.list(streams)) {
                List<Path> dirs = jobs.toList();
                assertEquals(2, dirs.size(), "one stream folder per job: " + dirs);
                for (Path dir : dirs) {
                    assertTrue(Files.size(dir.resolve("manifest.mpd")) > 0, dir + "/manifest.mpd");
                    assertTrue(Files.size(dir.resolve("manifest.m3u8")) > 0, dir + "/manifest.m3u8");
                }
            }
        } finally {
            process.destroyForcibly();
            ScaleOutTest.deleteTree(work);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
