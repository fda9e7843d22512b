package io.github.streamgear.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP origin for tests: nginx (Debian's package) with WebDAV PUT and DELETE, serving what was put over GET,
 * the way a CDN origin takes ingest. Started on 127.0.0.1 on a free port, stopped by {@link #close()}.
 */
public final class HttpOrigin implements AutoCloseable {

    private final Process nginx;
    private final int port;
    private final Path root;

    private HttpOrigin(Process nginx, int port, Path root) {
        this.nginx = nginx;
        this.port = port;
        this.root = root;
    }

    public static HttpOrigin start(Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path root = Files.createDirectories(dir.resolve("www"));
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("tmp"));
        boolean rootUser = "root".equals(System.getProperty("user.name"));
        Files.writeString(dir.resolve("nginx.conf"), (rootUser ? "user root;\n" : "") + """
                worker_processes 1;
                error_log %1$s/logs/error.log warn;
                pid %1$s/nginx.pid;
                events { worker_connections 64; }
                http {
                    types {
                        application/dash+xml mpd; application/vnd.apple.mpegurl m3u8; video/iso.segment m4s;
                        video/mp4 mp4; video/mp2t ts; text/html html;
                    }
                    access_log off;
                    client_body_temp_path %1$s/tmp;
                    proxy_temp_path %1$s/tmp; fastcgi_temp_path %1$s/tmp; uwsgi_temp_path %1$s/tmp; scgi_temp_path %1$s/tmp;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                        location / {
                            dav_methods PUT DELETE;
                            create_full_put_path on;
                            dav_access user:rw group:r all:r;
                            client_max_body_size 0;
                            add_header Access-Control-Allow-Origin *;
                        }
                    }
                }
                """.formatted(dir, port, root));
        Process process = new ProcessBuilder(Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(), "-g",
                "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new HttpOrigin(process, port, root);
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("logs/stdout.log"))
                            + readIfExists(dir.resolve("logs/error.log")));
                }
                Thread.sleep(20);
            }
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the origin keeps what it was given. */
    public Path root() {
        return root;
    }

    @Override
    public void close() throws Exception {
        nginx.destroy();
        if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
            nginx.destroyForcibly().waitFor();
        }
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
