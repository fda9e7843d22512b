package io.github.streamgear.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A W3C EME ClearKey licence server on 127.0.0.1 for the player tests: a POST of the CDM's licence request
 * ({@code {"kids":["<base64url>"],"type":"temporary"}}) to {@code /licence/right} answers the key of every requested key
 * id, {@code /licence/wrong} answers a wrong key for it. Another origin than the media, as a real one is (CORS).
 */
public final class ClearKeyLicenceServer implements AutoCloseable {

    private static final Pattern KID = Pattern.compile("\"([A-Za-z0-9_-]{22})\"");
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final HttpServer server;
    private final byte[] kid;
    private final byte[] key;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public ClearKeyLicenceServer(byte[] kid, byte[] key) throws IOException {
        this.kid = kid.clone();
        this.key = key.clone();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/licence/", this::handle);
        server.start();
    }

    /** The licence URL answering the right key ({@code right}) or a wrong one. */
    public String url(boolean right) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/licence/" + (right ? "right" : "wrong");
    }

    /** Each request as {@code right|wrong:<requested key ids, base64url>}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "*");
            exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "POST");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        boolean right = exchange.getRequestURI().getPath().endsWith("/right");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = KID.matcher(body);
        StringBuilder keys = new StringBuilder();
        StringBuilder asked = new StringBuilder();
        while (m.find()) {
            asked.append(m.group(1)).append(' ');
            if (m.group(1).equals(B64URL.encodeToString(kid))) {
                byte[] k = key.clone();
                if (!right) {
                    k[0] ^= 1;
                }
                keys.append(keys.length() == 0 ? "" : ",").append("{\"kty\":\"oct\",\"kid\":\"").append(m.group(1))
                        .append("\",\"k\":\"").append(B64URL.encodeToString(k)).append("\"}");
            }
        }
        requests.add((right ? "right:" : "wrong:") + asked.toString().trim());
        byte[] response = ("{\"keys\":[" + keys + "],\"type\":\"temporary\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, response.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
