package io.github.streamgear.examples.liveorigin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the ended stream back from the origin over HTTP, as a player would: the DASH manifest must be static (a VOD of
 * the last window), every HLS media playlist of the master must end with {@code #EXT-X-ENDLIST}, and every init segment
 * and segment they list must be served, each with a Content-Type players accept for it (the one the component sent
 * with the file, or its registered equivalent): an origin that serves segments as {@code text/plain} or
 * {@code application/octet-stream} fails the check at once, since waiting does not change that.
 */
final class OriginCheck {

    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI stream;

    /** @param stream the stream's folder at the origin, e.g. {@code http://127.0.0.1:8080/live/} */
    OriginCheck(URI stream) {
        this.stream = stream;
    }

    /** Waits until the origin serves the ended stream (the last files may still be on their way); its description. */
    String awaitEnded(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Result result = checkOnce();
        while (result.problem() != null && !result.wrongType() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            result = checkOnce();
        }
        if (result.problem() != null) {
            throw new IllegalStateException("The origin does not serve the ended stream at " + stream + ": "
                    + result.problem());
        }
        return result.report();
    }

    /** @param wrongType the problem is a file served with a wrong Content-Type: retrying cannot help */
    private record Result(String problem, String report, boolean wrongType) {
        static Result problem(String problem) {
            return new Result(problem, null, false);
        }

        static Result ok(String report) {
            return new Result(null, report, false);
        }
    }

    /**
     * The media types a player accepts for a file, by its name: the component's ({@code OutputLayout.contentType}) and
     * their registered equivalents (RFC 8216 §4 for playlists; an fMP4 segment is also an MP4 file).
     */
    static Set<String> acceptedTypes(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (file.endsWith(".mpd")) {
            return Set.of("application/dash+xml");
        }
        if (file.endsWith(".m3u8")) {
            return Set.of("application/vnd.apple.mpegurl", "application/x-mpegurl", "audio/mpegurl");
        }
        if (file.endsWith(".m4s")) {
            return Set.of("video/iso.segment", "video/mp4"); // init segments: video/mp4
        }
        if (file.endsWith(".mp4")) {
            return Set.of("video/mp4");
        }
        if (file.endsWith(".ts")) {
            return Set.of("video/mp2t");
        }
        return Set.of(); // unknown: anything goes
    }

    /** Null if the response's Content-Type suits the file, else the problem. */
    static String wrongType(String name, HttpResponse<?> response) {
        Set<String> accepted = acceptedTypes(name);
        String type = response.headers().firstValue("Content-Type").orElse("");
        String mediaType = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (accepted.isEmpty() || accepted.contains(mediaType)) {
            return null;
        }
        return name + " is served as Content-Type: " + (type.isEmpty() ? "(none)" : type) + ", players expect "
                + String.join(" or ", accepted.stream().sorted().toList())
                + " (configure the origin's types: see the README's nginx server block)";
    }

    private static Result wrongTypeProblem(String problem) {
        return new Result(problem, null, true);
    }

    private Result checkOnce() throws InterruptedException {
        try {
            return check();
        } catch (IOException e) {
            return Result.problem(e.toString());
        }
    }

    private Result check() throws IOException, InterruptedException {
        StringBuilder report = new StringBuilder();
        HttpResponse<String> mpd = get("manifest.mpd");
        if (mpd.statusCode() != 200) {
            return Result.problem("manifest.mpd: HTTP " + mpd.statusCode());
        }
        if (!mpd.body().contains("type=\"static\"")) {
            return Result.problem("manifest.mpd is still dynamic (live)");
        }
        if (wrongType("manifest.mpd", mpd) != null) {
            return wrongTypeProblem(wrongType("manifest.mpd", mpd));
        }
        report.append(line("manifest.mpd", mpd, "static"));

        HttpResponse<String> master = get("manifest.m3u8");
        if (master.statusCode() != 200) {
            return Result.problem("manifest.m3u8: HTTP " + master.statusCode());
        }
        if (wrongType("manifest.m3u8", master) != null) {
            return wrongTypeProblem(wrongType("manifest.m3u8", master));
        }
        report.append(line("manifest.m3u8", master, "master playlist"));
        for (String playlist : references(master.body())) {
            HttpResponse<String> media = get(playlist);
            if (media.statusCode() != 200) {
                return Result.problem(playlist + ": HTTP " + media.statusCode());
            }
            if (!media.body().contains("#EXT-X-ENDLIST")) {
                return Result.problem(playlist + " has no #EXT-X-ENDLIST yet");
            }
            if (wrongType(playlist, media) != null) {
                return wrongTypeProblem(wrongType(playlist, media));
            }
            List<String> files = references(media.body());
            HttpResponse<Void> last = null;
            for (String file : files) {
                last = head(file);
                if (last.statusCode() != 200) {
                    return Result.problem(file + ", listed by " + playlist + ": HTTP " + last.statusCode());
                }
                if (wrongType(file, last) != null) {
                    return wrongTypeProblem(wrongType(file, last));
                }
            }
            report.append(line(playlist, media, "#EXT-X-ENDLIST, " + files.size() + " files listed, all served"));
            if (last != null) {
                report.append(line("  " + files.get(files.size() - 1), last, "segment"));
            }
        }
        return Result.ok(report.toString());
    }

    private static String line(String name, HttpResponse<?> response, String what) {
        return String.format("  %-14s %s (%s; %s)%n", name, what, response.headers().firstValue("Content-Type").orElse("?"),
                response.headers().firstValue("Cache-Control").orElse("no Cache-Control"));
    }

    /** What an HLS playlist refers to: URI lines, and URI="..." attributes (EXT-X-MAP, EXT-X-MEDIA). */
    private static List<String> references(String playlist) {
        List<String> uris = new ArrayList<>();
        for (String line : playlist.split("\\R")) {
            line = line.trim();
            if (line.startsWith("#")) {
                Matcher attribute = URI_ATTRIBUTE.matcher(line);
                while (attribute.find()) {
                    uris.add(attribute.group(1));
                }
            } else if (!line.isEmpty()) {
                uris.add(line);
            }
        }
        return uris;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(stream.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<Void> head(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(stream.resolve(path)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
    }
}
