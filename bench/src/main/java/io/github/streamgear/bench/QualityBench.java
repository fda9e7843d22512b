package io.github.streamgear.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Benchmark 9, bits and quality (issue 19, part 2): for sources of different difficulty, each 720p30 8 s, the route is
 * run with {@code rateControl=capped-vbr} (the default) and {@code rateControl=capped-quality} on the ladder 720p +
 * {@link VodBench#STREAMS} (DASH), and for every video rendition the delivered kbit/s (its init and media segments over
 * the stream's duration) and the SSIM against the source scaled to the rendition's size (FFmpeg's {@code ssim} filter)
 * are reported. Bits and SSIM do not depend on the machine's load: one run each.
 * <p>
 * Sources: a real camera clip (OpenCV's {@code vtest.avi}, taken out of Debian's {@code opencv-doc} package with
 * {@code apt-get download}; left out, with a note, where that cannot be done), FFmpeg's {@code testsrc2} (synthetic,
 * much moving detail), {@code mandelbrot} (a zoom: hard) and {@code testsrc2} under strong temporal noise (hardest).
 */
public final class QualityBench {

    private static final Pattern SSIM = Pattern.compile("All:([0-9.]+)");
    private static final Pattern REPRESENTATION = Pattern.compile(
            "<Representation id=\"(\\d+)\" mimeType=\"video/mp4\"[^>]*width=\"(\\d+)\" height=\"(\\d+)\"");

    private QualityBench() {
    }

    public static void run(Bench.Options o) throws Exception {
        Map<String, Path> sources = sources();
        Results results = new Results("quality", "Bits and SSIM per rendition, capped-vbr vs capped-quality (720p30 8 s"
                + " sources, ladder 720p + " + VodBench.STREAMS + ", DASH, libx264 veryfast, crf 19)", "source",
                "rendition", "cap kbit/s", "capped-vbr kbit/s", "capped-quality kbit/s", "quality / vbr bits",
                "capped-vbr SSIM", "capped-quality SSIM", "SSIM change");
        CamelContext context = new DefaultCamelContext();
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        Path work = Env.cleanDir("work/quality");
        try {
            for (Map.Entry<String, Path> source : sources.entrySet()) {
                Map<String, Map<String, double[]>> byMode = new LinkedHashMap<>();
                for (String mode : List.of("capped-vbr", "capped-quality")) {
                    String job = source.getKey() + "-" + mode;
                    Exchange done = template.request("streamgear:quality?outputDir=" + work + "&format=dash&streams="
                            + VodBench.STREAMS + "&rateControl=" + mode, e -> {
                                e.getIn().setBody(source.getValue().toFile());
                                e.getIn().setHeader("CamelStreamGearJobId", job);
                            });
                    if (done.getException() != null) {
                        throw done.getException();
                    }
                    byMode.put(mode, measure(work.resolve(job), source.getValue()));
                }
                for (String rendition : byMode.get("capped-vbr").keySet()) {
                    double[] vbr = byMode.get("capped-vbr").get(rendition);
                    double[] quality = byMode.get("capped-quality").get(rendition);
                    results.row(source.getKey(), rendition, Math.round(vbr[2]), Math.round(vbr[0]), Math.round(quality[0]),
                            Results.round(quality[0] / vbr[0]), String.format("%.4f", vbr[1]),
                            String.format("%.4f", quality[1]), String.format("%+.4f", quality[1] - vbr[1]));
                    results.run(Map.of("source", source.getKey(), "rendition", rendition, "vbrKbps", vbr[0],
                            "qualityKbps", quality[0], "vbrSsim", vbr[1], "qualitySsim", quality[1], "capKbps", vbr[2]));
                }
            }
        } finally {
            context.stop();
        }
        if (!sources.containsKey("camera")) {
            results.note("The camera clip is left out: apt-get download opencv-doc failed here.");
        }
        results.finish();
    }

    /** Per video rendition (by size): delivered kbit/s, SSIM against the source at that size, and the ladder's cap. */
    private static Map<String, double[]> measure(Path jobDir, Path source) throws IOException {
        String mpd = Files.readString(jobDir.resolve("manifest.mpd"));
        double seconds = Double.parseDouble(find(mpd, "mediaPresentationDuration=\"PT([0-9.]+)S\""));
        Map<String, double[]> out = new LinkedHashMap<>();
        Matcher m = REPRESENTATION.matcher(mpd);
        while (m.find()) {
            String id = m.group(1);
            String size = m.group(2) + "x" + m.group(3);
            Path joined = jobDir.resolve("video-" + id + ".mp4");
            long media = 0;
            try (OutputStream w = Files.newOutputStream(joined)) {
                w.write(Files.readAllBytes(jobDir.resolve("init-" + id + ".m4s")));
                List<Path> chunks;
                try (var files = Files.list(jobDir)) {
                    chunks = files.filter(f -> f.getFileName().toString().startsWith("chunk-" + id + "-")).sorted().toList();
                }
                for (Path c : chunks) {
                    byte[] bytes = Files.readAllBytes(c);
                    media += bytes.length;
                    w.write(bytes);
                }
            }
            double kbps = (media + Files.size(jobDir.resolve("init-" + id + ".m4s"))) * 8 / seconds / 1000;
            String ssim = output(List.of("ffmpeg", "-hide_banner", "-nostdin", "-i", joined.toString(), "-i",
                    source.toString(), "-lavfi", "[1:v]scale=" + m.group(2) + ":" + m.group(3)
                    + ",format=yuv420p[ref];[0:v]format=yuv420p[out];[out][ref]ssim", "-f", "null", "-"));
            double cap = cap(size);
            out.put(size, new double[] {kbps, Double.parseDouble(find(ssim, SSIM.pattern())), cap});
        }
        return out;
    }

    /** The ladder's bitrate of a rendition: 720p from bits per pixel (0.1), the others as {@link VodBench#STREAMS} says. */
    private static double cap(String size) {
        for (String s : VodBench.STREAMS.split(",")) {
            if (s.startsWith(size + "@")) {
                return Double.parseDouble(s.substring(s.indexOf('@') + 1).replace("k", ""));
            }
        }
        String[] wh = size.split("x");
        return Integer.parseInt(wh[0]) * Integer.parseInt(wh[1]) * 30 * 0.1 / 1000;
    }

    private static Map<String, Path> sources() throws IOException {
        Map<String, Path> sources = new LinkedHashMap<>();
        Path camera = camera();
        if (camera != null) {
            sources.put("camera", camera);
        }
        sources.put("testsrc2", lavfi("q-testsrc2.mkv", "testsrc2=size=1280x720:rate=30"));
        sources.put("mandelbrot", lavfi("q-mandelbrot.mkv", "mandelbrot=size=1280x720:rate=30"));
        sources.put("noise", lavfi("q-noise.mkv", "testsrc2=size=1280x720:rate=30,noise=alls=40:allf=t+u"));
        return sources;
    }

    /** OpenCV's vtest.avi (768x576 10 fps, a street scene) scaled to 720p30, near-lossless. */
    private static Path camera() throws IOException {
        Path out = Env.DIR.resolve("q-camera.mkv");
        if (Files.exists(out)) {
            return out;
        }
        Path deb = Env.cleanDir("work/opencv-doc");
        try {
            Process p = new ProcessBuilder("apt-get", "download", "opencv-doc").directory(deb.toFile())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                return null;
            }
            Path file;
            try (var files = Files.list(deb)) {
                file = files.filter(f -> f.toString().endsWith(".deb")).findFirst().orElse(null);
            }
            if (file == null) {
                return null;
            }
            Env.run(List.of("sh", "-c", "dpkg-deb --fsys-tarfile '" + file + "' | tar -x -C '" + deb
                    + "' --wildcards '*vtest.avi'"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException | IOException e) {
            return null;
        }
        Path avi = deb.resolve("usr/share/doc/opencv-doc/examples/data/vtest.avi");
        Env.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", avi.toString(), "-vf",
                "scale=1280:720,fps=30", "-t", "8", "-c:v", "libx264", "-preset", "veryfast", "-crf", "12", "-pix_fmt",
                "yuv420p", out.toString()));
        return out;
    }

    private static Path lavfi(String name, String graph) {
        Path out = Env.DIR.resolve(name);
        if (!Files.exists(out)) {
            Env.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i", graph,
                    "-t", "8", "-c:v", "libx264", "-preset", "veryfast", "-crf", "12", "-pix_fmt", "yuv420p",
                    out.toString()));
        }
        return out;
    }

    private static String output(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + text.substring(0, Math.min(400, text.length())));
        }
        return m.group(1);
    }
}
