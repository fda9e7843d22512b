package io.github.streamgear.examples.liveorigin;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The README's nginx server block, as printed, is an origin the example streams to: every PUT is taken, and nginx
 * serves each file with the Content-Type and Cache-Control the component sent with it. An nginx without the block's
 * types (the README's former recipe: DAV only) serves segments as text/plain, and the example then exits non-zero.
 * The example runs as a user runs it: LiveOriginApp in its own JVM, with -Dorigin, for a 3 s stream.
 */
class NginxOriginTest {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Pattern NGINX_BLOCK = Pattern.compile("(?ms)^```nginx\\n(.*?)^```\\n");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theReadmesServerBlockIsAnOriginTheExampleStreamsTo() throws Exception {
        String block = readmeServerBlock();
        Path root = Files.createDirectories(dir.resolve("www"));
        try (Nginx nginx = Nginx.start(dir.resolve("nginx"), block, root, true)) {
            App app = runApp(nginx.url());
            assertEquals(0, app.exitCode(), app.output());
            assertTrue(app.output().contains("The origin serves the ended stream"), app.output());
            assertTrue(Files.exists(root.resolve("live/manifest.mpd")), "nginx stored the PUTs under live/");

            String live = nginx.url() + "/live/";
            assertServed(live + "manifest.mpd", "application/dash+xml", "public, max-age=1");
            assertServed(live + "manifest.m3u8", "application/vnd.apple.mpegurl", "public, max-age=1");
            assertServed(live + "media_0.m3u8", "application/vnd.apple.mpegurl", "public, max-age=1");
            assertServed(live + "init-0.m4s", "video/mp4", "public, max-age=31536000, immutable");
            assertServed(live + "chunk-0-00001.m4s", "video/iso.segment", "public, max-age=31536000, immutable");
            HttpResponse<Void> missing = head(live + "chunk-0-99999.m4s");
            assertEquals(404, missing.statusCode());
            assertTrue(missing.headers().firstValue("Cache-Control").isEmpty(), "a 404 must not be cached for a year");
        }
    }

    @Test
    void theExampleFailsWhenTheOriginServesSegmentsAsTextPlain() throws Exception {
        // the README's former recipe: PUT and DELETE (with the directory creation it lacked), no types
        String davOnly = """
                server {
                    listen 8080;
                    root /var/www/streams;
                    location / {
                        dav_methods PUT DELETE;
                        create_full_put_path on;
                        client_max_body_size 0;
                    }
                }
                """;
        Path root = Files.createDirectories(dir.resolve("www"));
        try (Nginx nginx = Nginx.start(dir.resolve("nginx"), davOnly, root, false)) {
            App app = runApp(nginx.url());
            assertTrue(Files.exists(root.resolve("live/manifest.mpd")), "the stream was published\n" + app.output());
            assertEquals("text/plain", head(nginx.url() + "/live/chunk-0-00001.m4s").headers()
                    .firstValue("Content-Type").orElse(""));
            assertNotEquals(0, app.exitCode(), "the check must fail\n" + app.output());
            assertTrue(app.output().contains("is served as Content-Type: text/plain"), app.output());
        }
    }

    private void assertServed(String url, String contentType, String cacheControl) throws Exception {
        HttpResponse<Void> response = head(url);
        assertEquals(200, response.statusCode(), url);
        assertEquals(contentType, response.headers().firstValue("Content-Type").orElse(null), url);
        assertEquals(cacheControl, response.headers().firstValue("Cache-Control").orElse(null), url);
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(null), url);
    }

    private HttpResponse<Void> head(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
    }

    private static String readmeServerBlock() throws IOException {
        Matcher m = NGINX_BLOCK.matcher(Files.readString(Path.of("README.md")));
        assertTrue(m.find(), "an nginx block in README.md");
        String block = m.group(1);
        assertTrue(!m.find(), "one nginx block in README.md");
        return block;
    }

    private record App(int exitCode, String output) {
    }

    /** LiveOriginApp in its own JVM, as exec:java runs it: a 3 s stream published to origin, then the final check. */
    private App runApp(String origin) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "-Dorigin=" + origin, "-Dseconds=3", "-Dwork=" + dir.resolve("work"),
                LiveOriginApp.class.getName()));
        Path log = dir.resolve("app.log");
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!app.waitFor(3, TimeUnit.MINUTES)) {
            app.destroyForcibly().waitFor();
            fail("LiveOriginApp did not end in 3 minutes:\n" + Files.readString(log));
        }
        return new App(app.exitValue(), Files.readString(log));
    }

    /** nginx with a server block as a user would install it: in an http block like Debian's, its port and root ours. */
    private static final class Nginx implements AutoCloseable {

        private final Process process;
        private final int port;

        private Nginx(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Nginx start(Path dir, String serverBlock, Path root, boolean debianHttpBlock) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String server = replaceOnce(serverBlock, "(?m)^(\\s*)listen 8080;", "$1listen 127.0.0.1:" + port + ";");
            server = replaceOnce(server, "(?m)^(\\s*)root /var/www/streams;", "$1root " + root + ";");
            Files.createDirectories(dir.resolve("logs"));
            Files.createDirectories(dir.resolve("tmp"));
            // Debian's nginx.conf: the mime.types of the distribution, application/octet-stream for other names
            String httpDefaults = debianHttpBlock && Files.exists(Path.of("/etc/nginx/mime.types"))
                    ? "include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n" : "";
            String conf = ("root".equals(System.getProperty("user.name")) ? "user root;\n" : "") + """
                    worker_processes 1;
                    error_log %1$s/logs/error.log warn;
                    pid %1$s/nginx.pid;
                    events { worker_connections 64; }
                    http {
                        %2$s
                        access_log off;
                        client_body_temp_path %1$s/tmp;
                        proxy_temp_path %1$s/tmp; fastcgi_temp_path %1$s/tmp; uwsgi_temp_path %1$s/tmp; scgi_temp_path %1$s/tmp;
                    %3$s
                    }
                    """.formatted(dir, httpDefaults, server);
            Files.writeString(dir.resolve("nginx.conf"), conf);
            Process process = new ProcessBuilder(Files.isExecutable(NGINX) ? NGINX.toString() : "nginx", "-p",
                    dir.toString(), "-c", dir.resolve("nginx.conf").toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    return new Nginx(process, port);
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        process.destroyForcibly();
                        fail("nginx did not start with\n" + conf + "\n" + Files.readString(dir.resolve("logs/stdout.log"))
                                + (Files.exists(dir.resolve("logs/error.log")) ? Files.readString(dir.resolve("logs/error.log")) : ""));
                    }
                    Thread.sleep(20);
                }
            }
        }

        private static String replaceOnce(String text, String regex, String replacement) {
            Matcher m = Pattern.compile(regex).matcher(text);
            assertTrue(m.find(), "the server block has " + regex);
            return m.replaceFirst(replacement);
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
