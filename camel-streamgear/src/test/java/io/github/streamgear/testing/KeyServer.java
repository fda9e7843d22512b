package io.github.streamgear.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HLS key server on 127.0.0.1: {@code GET /keys/KID} answers the 16 key bytes put under that key id (404
 * otherwise), with CORS allowed, as a player on another origin fetches it.
 */
public final class KeyServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public KeyServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/keys/", this::handle);
        server.start();
    }

    /** The key URI template for option keyUri: {@code http://127.0.0.1:PORT/keys/{kid}}. */
    public String template() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/keys/{kid}";
    }

    public void put(String kidHex, byte[] key) {
        keys.put(kidHex.toLowerCase(java.util.Locale.ROOT), key.clone());
    }

    /** The key ids asked for, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String kid = exchange.getRequestURI().getPath().substring("/keys/".length());
        requests.add(kid);
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "*");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        byte[] key = keys.get(kid.toLowerCase(java.util.Locale.ROOT));
        if (key == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, key.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(key);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
