package io.github.streamgear.examples.scaleout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks a job's published files, downloaded from the bucket into a folder: complete, nothing extra, and playable. */
final class Published {

    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]+)\"");

    private Published() {
    }

    /**
     * Every manifest of the status is there; every file an HLS playlist lists is there, and nothing else (for DASH,
     * FFmpeg reading the whole presentation proves its segments are there); FFmpeg decodes every manifest to the end,
     * and its duration is the source's.
     */
    static void check(Path dir, JobStatus done, double sourceSeconds) throws Exception {
        Set<String> files = files(dir);
        String prefix = done.manifests().get(0).substring(0, done.manifests().get(0).lastIndexOf('/') + 1);
        Set<String> referenced = new TreeSet<>();
        for (String manifestKey : done.manifests()) {
            String manifest = manifestKey.substring(prefix.length());
            assertTrue(files.contains(manifest), "manifest " + manifest + " published: " + files);
            referenced.add(manifest);
            if (manifest.endsWith(".m3u8")) {
                listed(dir, manifest, referenced);
            }
            Path local = dir.resolve(manifest).toAbsolutePath();
            double duration = Double.parseDouble(run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                    "default=nw=1:nk=1", local.toString()).trim());
            assertEquals(sourceSeconds, duration, 0.6, manifestKey + " lasts as long as the source");
            run("ffmpeg", "-v", "error", "-nostdin", "-i", local.toString(), "-map", "0", "-f", "null", "-");
        }
        if (done.manifests().stream().anyMatch(m -> m.endsWith(".m3u8"))) {
            // HLS (alone, or beside DASH over the same segments) lists every file: nothing unlisted may be there
            assertEquals(referenced, files, "the bucket holds exactly what the playlists list");
        }
        assertEquals(files.size(), done.files(), "the status counts the published files");
    }

    /** Adds to {@code into} the playlist and everything it lists, recursively. */
    private static void listed(Path dir, String playlist, Set<String> into) throws IOException {
        Path file = dir.resolve(playlist);
        assertTrue(Files.exists(file), playlist + " is published");
        into.add(playlist);
        String base = playlist.contains("/") ? playlist.substring(0, playlist.lastIndexOf('/') + 1) : "";
        List<String> uris = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher m = URI_ATTRIBUTE.matcher(line);
                while (m.find()) {
                    uris.add(m.group(1));
                }
            } else {
                uris.add(line.trim());
            }
        }
        for (String uri : uris) {
            String name = base + uri;
            if (name.endsWith(".m3u8")) {
                listed(dir, name, into);
            } else {
                assertTrue(Files.exists(dir.resolve(name)), playlist + " lists " + name + ", which is published");
                into.add(name);
            }
        }
    }

    private static Set<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + text);
        assertTrue(command[0].equals("ffprobe") || text.isBlank(), "FFmpeg decoded without errors: " + text);
        return text;
    }
}
