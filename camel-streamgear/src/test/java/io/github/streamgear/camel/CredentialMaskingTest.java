package io.github.streamgear.camel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source URL's password never reaches a log line (down to FFmpeg's DEBUG output), an exception message or the
 * endpoint's printed URI, while FFmpeg still gets it and the job works. The source is served by a real HTTP server
 * that demands basic authentication.
 */
class CredentialMaskingTest extends CamelTestSupport {

    private static final String PASSWORD = "S3cr3tPw";

    @TempDir
    Path out;

    private HttpServer server;
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private AbstractAppender appender;

    @Override
    protected void doPreSetup() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String expected = "Basic " + Base64.getEncoder().encodeToString(("user:" + PASSWORD).getBytes());
        server.createContext("/", x -> {
            Path file = TestMedia.noAudio();
            if (!expected.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"media\"");
                x.sendResponseHeaders(401, -1);
            } else if (!x.getRequestURI().getPath().equals("/talk.mp4")) {
                x.sendResponseHeaders(404, -1);
            } else {
                serve(x, file);
            }
            x.close();
        });
        server.start();
        appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                logged.add(event.getMessage().getFormattedMessage()
                           + (event.getThrown() == null ? "" : " " + event.getThrown()));
            }
        };
        appender.start();
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        logs.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        Configurator.setLevel("io.github.streamgear", Level.DEBUG);
        Configurator.setLevel("org.apache.camel", Level.DEBUG);
        logs.updateLoggers();
    }

    /** The whole file, or from the offset of a {@code Range: bytes=N-} request: FFmpeg seeks to an MP4's index. */
    private static void serve(HttpExchange x, Path file) throws IOException {
        long size = Files.size(file);
        String range = x.getRequestHeaders().getFirst("Range");
        long from = range == null ? 0 : Long.parseLong(range.replaceAll("bytes=(\\d+)-.*", "$1"));
        x.getResponseHeaders().add("Accept-Ranges", "bytes");
        if (range != null) {
            x.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (size - 1) + "/" + size);
        }
        x.sendResponseHeaders(range == null ? 200 : 206, size - from);
        try (InputStream in = Files.newInputStream(file); OutputStream body = x.getResponseBody()) {
            in.skipNBytes(from);
            in.transferTo(body);
        }
    }

    @AfterEach
    void stopServerAndLogging() {
        server.stop(0);
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        logs.getConfiguration().getRootLogger().removeAppender("capture");
        Configurator.setLevel("io.github.streamgear", Level.INFO);
        Configurator.setLevel("org.apache.camel", Level.INFO);
        logs.updateLoggers();
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:option").to("streamgear:cred?format=hls&outputDir=" + out + "&videoSource=http://user:" + PASSWORD
                                         + "@127.0.0.1:" + server.getAddress().getPort() + "/talk.mp4");
                from("direct:header").to("streamgear:cred2?format=hls&outputDir=" + out);
                from("direct:options").to("streamgear:cred3?format=hls&outputDir=" + out.resolve("options")
                                          + "&videoSource=http://127.0.0.1:" + server.getAddress().getPort() + "/talk.mp4"
                                          + "&sourceUsername=user&sourcePassword=RAW(" + PASSWORD + ")");
            }
        };
    }

    @Test
    void aPasswordInTheSourceUrlIsNeverPrinted() {
        Exchange ok = template.request("direct:option", x -> { });
        assertNull(ok.getException(), "FFmpeg got the password: the job worked");
        assertTrue(Files.isRegularFile(out.resolve("talk/manifest.m3u8")));
        // the same with the credentials in options sourceUsername and sourcePassword
        Exchange options = template.request("direct:options", x -> { });
        assertNull(options.getException(), "FFmpeg got the password from sourcePassword: the job worked");
        assertTrue(Files.isRegularFile(out.resolve("options/talk/manifest.m3u8")));

        Exchange failed = template.request("direct:header", x -> x.getIn().setHeader(StreamGearConstants.VIDEO_SOURCE,
                "http://user:" + PASSWORD + "@127.0.0.1:" + server.getAddress().getPort() + "/missing.mp4"));
        StreamGearException e = assertInstanceOf(StreamGearException.class, failed.getException());
        assertTrue(e.getMessage().contains("http://user:xxxxxx@127.0.0.1:"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        assertFalse(String.join("\n", e.getProcessLog()).contains(PASSWORD), "FFmpeg's own log lines");

        context.getEndpoints().forEach(endpoint -> assertFalse(endpoint.toString().contains(PASSWORD), endpoint.toString()));
        assertTrue(logged.stream().anyMatch(l -> l.contains("Running [")), "the DEBUG command line was captured");
        assertTrue(logged.stream().anyMatch(l -> l.contains("transcoding http://user:xxxxxx@127.0.0.1")), "the INFO line too");
        assertTrue(logged.stream().anyMatch(l -> l.contains("give it in options sourceUsername and sourcePassword")),
                "a password in the videoSource URL is warned of");
        List<String> leaks = logged.stream().filter(l -> l.contains(PASSWORD)).toList();
        assertEquals(List.of(), leaks, "log lines with the password");
    }

    @Test
    void sourceCredentialOptionsAreChecked() {
        assertRefused("videoSource=/in/movie.mp4&sourceUsername=u&sourcePassword=p", "need a network URL");
        assertRefused("videoSource=rtsp://cam/1&sourcePassword=p", "needs option 'sourceUsername'");
        assertRefused("videoSource=rtsp://a:b@cam/1&sourceUsername=u&sourcePassword=p", "its own user info");
        assertEquals("rtsp://u%40corp:p%3Aw%20x@cam:554/1?x=1", context.getEndpoint("streamgear:c?videoSource="
                + "rtsp://cam:554/1?x=1&sourceUsername=RAW(u@corp)&sourcePassword=RAW(p:w x)", StreamGearEndpoint.class)
                .getConfiguration().videoSourceUrl());
    }

    private void assertRefused(String options, String named) {
        Exception e = assertThrows(Exception.class, () -> context.getEndpoint("streamgear:c?" + options));
        String all = e + " " + e.getCause();
        assertTrue(all.contains(named), all);
    }

    @Test
    void aFileUrlNamingAnotherHostIsRefusedNamingTheSource() {
        Exchange failed = template.request("direct:header",
                x -> x.getIn().setHeader(StreamGearConstants.VIDEO_SOURCE, "file://fileserver/share/talk.mp4"));
        StreamGearException e = assertInstanceOf(StreamGearException.class, failed.getException());
        assertTrue(e.getMessage().contains("'file://fileserver/share/talk.mp4' is not a local file URL"), e.getMessage());
    }

}
