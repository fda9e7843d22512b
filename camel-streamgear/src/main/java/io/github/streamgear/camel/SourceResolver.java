package io.github.streamgear.camel;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.command.SourceSpec;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.converter.stream.FileInputStreamCache;
import org.apache.camel.util.FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds what an exchange asks to transcode. In order: header {@code CamelStreamGearVideoSource}, option
 * {@code videoSource}, then the body: a {@link File}, {@link Path}, {@link GenericFile} (from {@code file:}), a
 * {@link String} path or URL, or an {@link InputStream}/{@code byte[]} holding a whole container file, which is
 * copied to a temporary file in a streaming fashion (never loaded whole into the heap).
 */
final class SourceResolver {

    private static final Logger LOG = LoggerFactory.getLogger(SourceResolver.class);
    /** A stream cache held in memory above this size gets a warning: it is a video that should have been streamed. */
    private static final long LARGE_IN_MEMORY_CACHE = 16L * 1024 * 1024;
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private SourceResolver() {
    }

    static ResolvedSource resolve(Exchange exchange, String configuredSource) throws InvalidPayloadException {
        Message in = exchange.getIn();
        String header = in.getHeader(StreamGearConstants.VIDEO_SOURCE, String.class);
        if (header != null && !header.isBlank()) {
            return location(header);
        }
        if (configuredSource != null && !configuredSource.isBlank()) {
            return location(configuredSource);
        }
        Object body = in.getBody();
        if (body instanceof GenericFile<?> genericFile) {
            if (genericFile.getFile() instanceof File file) {
                return local(file.toPath());
            }
            return spool(in.getMandatoryBody(InputStream.class), genericFile.getFileNameOnly());
        }
        if (body instanceof File file) {
            return local(file.toPath());
        }
        if (body instanceof Path path) {
            return local(path);
        }
        if (body instanceof String text && !text.isBlank()) {
            return location(text);
        }
        if (body instanceof byte[] || body instanceof InputStream) {
            warnIfCachedInMemory(body);
            return spool(in.getMandatoryBody(InputStream.class), in.getHeader(Exchange.FILE_NAME, String.class));
        }
        throw new StreamGearException("Nothing to transcode: the message body is "
                + (body == null ? "empty" : "a " + body.getClass().getName())
                + "; send a File, Path, GenericFile, path or URL String, InputStream or byte[], or set header "
                + StreamGearConstants.VIDEO_SOURCE + " or option videoSource");
    }

    /**
     * Camel's stream caching is on by default with spooling off: a route reads an InputStream body into the heap whole
     * before the body reaches this component (about three times its size at the peak). That cannot be undone here, so
     * say once what to change.
     */
    private static void warnIfCachedInMemory(Object body) {
        if (body instanceof StreamCache cache && !(body instanceof FileInputStreamCache)
                && cache.length() > LARGE_IN_MEMORY_CACHE && WARNED.compareAndSet(false, true)) {
            LOG.warn("A stream body of {} MB reached streamgear as Camel's in-memory stream cache: Camel read the whole"
                     + " video into the heap before this component saw it. For video streams, enable stream cache spooling"
                     + " (camel.main.streamCachingSpoolEnabled=true) or turn stream caching off on the route"
                     + " (noStreamCaching()), or send a File. (Logged once.)", cache.length() / (1024 * 1024));
        }
    }

    private static ResolvedSource location(String value) {
        SourceSpec spec = SourceSpec.parse(value);
        String name = spec.location().replaceAll("[?#].*$", "");
        return new ResolvedSource(spec, fileName(name.substring(name.lastIndexOf('/') + 1)), null);
    }

    private static ResolvedSource local(Path path) {
        return new ResolvedSource(SourceSpec.file(path), fileName(path.getFileName().toString()), null);
    }

    private static ResolvedSource spool(InputStream body, String fileName) {
        String name = fileName == null ? null : FileUtil.stripPath(fileName);
        String ext = name != null && name.lastIndexOf('.') > 0 ? name.substring(name.lastIndexOf('.')) : ".bin";
        Path temp = null;
        try (InputStream stream = body) {
            temp = Files.createTempFile("streamgear-source-", ext.replaceAll("[^A-Za-z0-9.]", ""));
            Files.copy(stream, temp, StandardCopyOption.REPLACE_EXISTING);
            return new ResolvedSource(SourceSpec.file(temp), fileName(name), temp);
        } catch (IOException | RuntimeException e) {
            if (temp != null) {
                temp.toFile().delete();
            }
            throw new StreamGearException("Could not copy the message body to a temporary file: " + e.getMessage(), e);
        }
    }

    private static String fileName(String name) {
        return name == null || name.isBlank() ? null : FileUtil.stripPath(name);
    }
}
