package io.github.streamgear.examples.rtspcamera;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP origin, the kind a CDN pulls from, on the JDK's built-in HTTP server: {@code PUT} stores a file (under a
 * temporary name, then renamed, so a {@code GET} never sees half of it) with the {@code Content-Type} and
 * {@code Cache-Control} it was sent with, {@code DELETE} removes it, {@code GET}/{@code HEAD} serve it back with those
 * headers and CORS ({@code Access-Control-Allow-Origin: *}) so that browser players on other origins can load it.
 * <p>
 * It listens on 127.0.0.1 only and takes uploads from anyone who can reach it: a demo, not a server to expose.
 */
final class EmbeddedOrigin implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedOrigin.class);

    /** Content types by extension, for files stored before a restart (the headers sent with a PUT win). */
    private static final Map<String, String> TYPES = Map.of("mpd", "application/dash+xml",
            "m3u8", "application/vnd.apple.mpegurl", "m4s", "video/iso.segment", "mp4", "video/mp4", "ts", "video/mp2t",
            "html", "text/html; charset=utf-8");

    private record Stored(String contentType, String cacheControl) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path root;
    private final Map<Path, Stored> headers = new ConcurrentHashMap<>();
    private final AtomicLong puts = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();

    private EmbeddedOrigin(HttpServer server, ExecutorService executor, Path root) {
        this.server = server;
        this.executor = executor;
        this.root = root;
    }

    /** Starts it on 127.0.0.1:{@code port} (or any free port if that one is taken or 0), serving {@code root}. */
    static EmbeddedOrigin start(Path root, int port) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        } catch (BindException taken) {
            LOG.warn("Port {} is taken; the origin listens on a free port instead (see the URLs below)", port);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "origin");
            thread.setDaemon(true);
            return thread;
        });
        EmbeddedOrigin origin = new EmbeddedOrigin(server, executor, Files.createDirectories(root).toRealPath());
        server.createContext("/", origin::handle);
        server.setExecutor(executor);
        server.start();
        return origin;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long puts() {
        return puts.get();
    }

    long deletes() {
        return deletes.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            Path file = resolve(exchange.getRequestURI());
            String method = exchange.getRequestMethod();
            if (file == null) {
                exchange.sendResponseHeaders(400, -1);
            } else if ("PUT".equals(method)) {
                put(exchange, file);
            } else if ("DELETE".equals(method)) {
                headers.remove(file);
                boolean existed = Files.deleteIfExists(file);
                deletes.incrementAndGet();
                exchange.sendResponseHeaders(existed ? 204 : 404, -1);
            } else if ("GET".equals(method) || "HEAD".equals(method)) {
                get(exchange, file, "HEAD".equals(method));
            } else if ("OPTIONS".equals(method)) { // CORS preflight
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "*");
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.sendResponseHeaders(405, -1);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        }
    }

    private void put(HttpExchange exchange, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
        try (InputStream body = exchange.getRequestBody()) {
            Files.copy(body, temp, StandardCopyOption.REPLACE_EXISTING);
            boolean existed = Files.exists(file);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            headers.put(file, new Stored(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Cache-Control")));
            puts.incrementAndGet();
            exchange.sendResponseHeaders(existed ? 204 : 201, -1);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void get(HttpExchange exchange, Path file, boolean head) throws IOException {
        if (!Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        Stored stored = headers.get(file);
        String name = file.getFileName().toString();
        String type = stored != null && stored.contentType() != null ? stored.contentType()
                : TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control",
                stored != null && stored.cacheControl() != null ? stored.cacheControl() : "no-cache");
        long size = Files.size(file);
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
        }
    }

    /** The file a request path names, or null if it would leave the root. */
    private Path resolve(URI uri) {
        String path = uri.getPath();
        if (path == null || path.contains("..") || path.contains("\0")) {
            return null;
        }
        Path file = root.resolve(path.replaceFirst("^/+", "")).normalize();
        return file.startsWith(root) && !file.equals(root) ? file : null;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
