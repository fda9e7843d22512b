package io.github.streamgear.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

/** A folder served over HTTP GET on 127.0.0.1 (the JDK's server): an HLS source's origin in the live-source tests. */
public final class StaticFiles implements AutoCloseable {

    private final HttpServer http;

    private StaticFiles(HttpServer http) {
        this.http = http;
    }

    /** Serves the files below {@code root} (404 for anything else) on a free port. */
    public static StaticFiles serve(Path root) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        http.start();
        return new StaticFiles(http);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
