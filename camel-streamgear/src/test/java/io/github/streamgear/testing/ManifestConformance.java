package io.github.streamgear.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Validators applied to every manifest the stream-quality checks look at:
 * <ul>
 * <li>HLS: a strict RFC 8216 parse of the master and every media playlist it lists, with npm {@code hls-parser}
 * ({@code strictMode}), run by {@code src/test/player/check-playlists.mjs} in node (the playback harness's node:
 * {@code -Dstreamgear.node}, default {@code node} on the PATH; its modules from {@code npm ci} there). All playlists of
 * a master go to one node process.</li>
 * <li>DASH: the MPD validates against the MPEG-DASH schema ({@code DASH-MPD.xsd} with {@code xlink.xsd}), from
 * {@code -Dstreamgear.dash.xsd=/path/DASH-MPD.xsd}, else the shared conformance folder next to the repository
 * ({@code ../shared/conformance/} from the repository's root). Without the schema this part is skipped with a printed
 * note: it runs inside other tests, which must not be skipped for it.</li>
 * </ul>
 */
public final class ManifestConformance {

    public static final Path PLAYER_DIR = Path.of("src", "test", "player").toAbsolutePath();
    private static final Path SCRIPT = PLAYER_DIR.resolve("check-playlists.mjs");
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private ManifestConformance() {
    }

    // ---------------------------------------------------------------- HLS

    /** Fails unless {@code master} and every playlist it lists parse strictly (RFC 8216, hls-parser strict mode). */
    public static void assertHlsConforms(Path master) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(master);
        files.addAll(listedPlaylists(master));
        Map<Path, String> errors = hlsErrors(files);
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder("HLS playlists that a strict RFC 8216 parser (hls-parser) rejects:");
            errors.forEach((file, error) -> message.append("\n  ").append(file).append(": ").append(error));
            fail(message.toString());
        }
    }

    /** The media playlists a master lists: variant URIs and {@code URI} attributes ending in {@code .m3u8}. */
    static List<Path> listedPlaylists(Path master) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (String line : Files.readAllLines(master, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (!l.startsWith("#")) {
                out.add(master.resolveSibling(l));
            } else {
                Matcher m = URI_ATTRIBUTE.matcher(l);
                while (m.find()) {
                    if (m.group(1).endsWith(".m3u8")) {
                        out.add(master.resolveSibling(m.group(1)));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The strict parser's error for each of {@code files} it rejects (one node process for all of them). */
    public static Map<Path, String> hlsErrors(List<Path> files) throws IOException {
        if (!Files.isDirectory(PLAYER_DIR.resolve("node_modules").resolve("hls-parser"))) {
            throw new IllegalStateException("The strict HLS check needs npm hls-parser: run bin/setup-test-env, or 'npm ci' in "
                    + PLAYER_DIR);
        }
        List<String> argv = new ArrayList<>(List.of(System.getProperty("streamgear.node", "node"), SCRIPT.toString()));
        files.forEach(f -> argv.add(f.toAbsolutePath().toString()));
        Process node = new ProcessBuilder(argv).directory(PLAYER_DIR.toFile()).redirectErrorStream(false).start();
        String out;
        String err;
        try {
            node.getOutputStream().close();
            out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
                throw new IllegalStateException("check-playlists.mjs failed (" + argv + "): " + err + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            node.destroyForcibly();
        }
        Map<Path, String> errors = new LinkedHashMap<>();
        int reported = 0;
        for (String line : out.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode result = JSON.readTree(line);
            reported++;
            if (!result.path("error").isNull()) {
                errors.put(Path.of(result.path("file").asText()), result.path("error").asText());
            }
        }
        if (reported != files.size()) {
            throw new IllegalStateException("check-playlists.mjs reported " + reported + " of " + files.size() + " files: "
                    + out + err);
        }
        return errors;
    }

    // ---------------------------------------------------------------- DASH

    /** Fails unless {@code mpd} validates against the MPEG-DASH schema; prints a note and passes without the schema. */
    public static void assertMpdValid(Path mpd) throws IOException {
        List<String> errors = mpdErrors(mpd);
        if (errors == null) {
            System.out.println("[ManifestConformance] MPEG-DASH schema not found (set -Dstreamgear.dash.xsd or provide "
                    + "../shared/conformance/DASH-MPD.xsd next to the repository): schema check of " + mpd + " skipped");
            return;
        }
        if (!errors.isEmpty()) {
            fail(mpd + " does not validate against the MPEG-DASH schema:\n  " + String.join("\n  ", errors));
        }
    }

    /** Every schema error of {@code mpd} (empty if it validates), or null when the schema is not available. */
    public static List<String> mpdErrors(Path mpd) throws IOException {
        Schema dash = schema();
        if (dash == null) {
            return null;
        }
        List<String> errors = new ArrayList<>();
        Validator validator = dash.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException unsupported) {
            // the JDK's validator supports both
        }
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }
        });
        try {
            validator.validate(new StreamSource(mpd.toFile()));
        } catch (SAXException e) {
            if (errors.isEmpty()) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    /** The schema file in use, or null if there is none. */
    public static Path schemaFile() {
        String configured = System.getProperty("streamgear.dash.xsd");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        // tests run in the module folder (repository/camel-streamgear); ../shared sits next to the repository
        for (String candidate : List.of("../../shared/conformance/DASH-MPD.xsd", "../shared/conformance/DASH-MPD.xsd")) {
            Path file = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        // the copy kept with the tests, so that a machine without ../shared (CI) validates too
        Path bundled = Path.of("src/test/resources/conformance/DASH-MPD.xsd").toAbsolutePath();
        return Files.isRegularFile(bundled) ? bundled : null;
    }

    /** The schema of {@link #schemaFile()}, read once per file; null without one. */
    private static Schema schema() throws IOException {
        Path file = schemaFile();
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        Schema cached = SCHEMAS.get(file);
        if (cached != null) {
            return cached;
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file"); // xlink.xsd beside it
            Schema read = factory.newSchema(file.toFile());
            SCHEMAS.put(file, read);
            return read;
        } catch (SAXException e) {
            throw new IOException("Cannot read the MPEG-DASH schema " + file + ": " + e.getMessage(), e);
        }
    }
}
