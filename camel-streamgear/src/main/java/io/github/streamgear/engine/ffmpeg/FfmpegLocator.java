package io.github.streamgear.engine.ffmpeg;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds FFmpeg and ffprobe, in this order:
 * <ol>
 * <li>the configured path (option {@code ffmpegPath}/{@code ffprobePath}: the executable or the folder holding it);</li>
 * <li>{@code ffmpeg}/{@code ffprobe} on the {@code PATH};</li>
 * <li>the bundled {@code org.bytedeco:ffmpeg} jar, if it is on the classpath (it is an optional dependency).</li>
 * </ol>
 * The chosen FFmpeg must answer {@code -version}; otherwise the failure names every place looked at. A configured
 * path that is wrong fails at once: an operator who pins FFmpeg must not silently get another one from the PATH.
 */
public final class FfmpegLocator {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegLocator.class);
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
    static final String BUNDLED_JAR = "org.bytedeco:ffmpeg:8.0.1-1.5.13 (classifier linux-x86_64-gpl)";

    private final FfmpegRunner runner;
    private final String pathVariable;

    public FfmpegLocator(FfmpegRunner runner) {
        this(runner, System.getenv("PATH"));
    }

    FfmpegLocator(FfmpegRunner runner, String pathVariable) {
        this.runner = runner;
        this.pathVariable = pathVariable == null ? "" : pathVariable;
    }

    /**
     * @param ffmpegPath  configured FFmpeg executable or folder, or null
     * @param ffprobePath configured ffprobe executable or folder, or null (then it is looked for beside FFmpeg first)
     */
    public FfmpegBinaries locate(String ffmpegPath, String ffprobePath) {
        List<String> looked = new ArrayList<>();
        // the bundled jar is only unpacked when the PATH has no FFmpeg that runs: unpacking it (JavaCPP, about 1 s of
        // CPU) would otherwise be paid by every start of an application that ships it as a fallback
        List<Supplier<Optional<Candidate>>> candidates = new ArrayList<>();
        if (ffmpegPath != null && !ffmpegPath.isBlank()) {
            Path configured = configured(ffmpegPath, "ffmpeg", looked).orElseThrow(() -> notFound(looked));
            candidates.add(() -> Optional.of(new Candidate(configured, "option ffmpegPath")));
        } else {
            candidates.add(() -> onPath("ffmpeg", looked).map(p -> new Candidate(p, "PATH")));
            candidates.add(() -> BundledFfmpeg.ffmpeg(looked).map(p -> new Candidate(p, "bundled jar")));
        }

        for (Supplier<Optional<Candidate>> next : candidates) {
            Optional<Candidate> found = next.get();
            if (found.isEmpty()) {
                continue;
            }
            Candidate candidate = found.get();
            Optional<String> version = version(candidate.path, looked);
            if (version.isPresent()) {
                Path ffprobe = locateFfprobe(ffprobePath, candidate, looked);
                FfmpegBinaries binaries = new FfmpegBinaries(candidate.path, ffprobe, candidate.origin, version.get());
                LOG.info("Using {}", binaries);
                return binaries;
            }
        }
        throw notFound(looked);
    }

    private static FfmpegNotFoundException notFound(List<String> looked) {
        return new FfmpegNotFoundException("FFmpeg was not found or does not run. Looked at: " + String.join("; ", looked)
                + ". Install FFmpeg (e.g. apt-get install ffmpeg), set option ffmpegPath, or add " + BUNDLED_JAR
                + " to the classpath.");
    }

    private Path locateFfprobe(String ffprobePath, Candidate ffmpeg, List<String> looked) {
        if (ffprobePath != null && !ffprobePath.isBlank()) {
            Optional<Path> configured = configured(ffprobePath, "ffprobe", looked);
            if (configured.isPresent()) {
                return configured.get();
            }
            throw new FfmpegNotFoundException("ffprobe was not found. Looked at: " + String.join("; ", looked));
        }
        Path sibling = ffmpeg.path.resolveSibling("ffprobe");
        if (Files.isExecutable(sibling)) {
            return sibling;
        }
        looked.add(sibling + " (no ffprobe beside FFmpeg)");
        Optional<Path> found = onPath("ffprobe", looked).or(() -> BundledFfmpeg.ffprobe(looked));
        return found.orElseThrow(() -> new FfmpegNotFoundException(
                "ffprobe was not found. Looked at: " + String.join("; ", looked) + ". It ships with FFmpeg: install it, or set option ffprobePath."));
    }

    private static Optional<Path> configured(String configured, String name, List<String> looked) {
        Path path = Path.of(configured);
        Path exe = Files.isDirectory(path) ? path.resolve(name) : path;
        if (Files.isRegularFile(exe) && Files.isExecutable(exe)) {
            return Optional.of(exe.toAbsolutePath());
        }
        looked.add("option " + name + "Path=" + configured + " (" + (Files.exists(exe) ? "not executable" : "does not exist") + ")");
        return Optional.empty();
    }

    private Optional<Path> onPath(String name, List<String> looked) {
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path exe = Path.of(dir, name);
                if (Files.isRegularFile(exe) && Files.isExecutable(exe)) {
                    return Optional.of(exe);
                }
            }
        }
        looked.add("PATH=" + pathVariable + " (no " + name + ")");
        return Optional.empty();
    }

    private Optional<String> version(Path ffmpeg, List<String> looked) {
        try {
            ProcessResult result = runner.run(List.of(ffmpeg.toString(), "-hide_banner", "-version"), VERSION_TIMEOUT, null);
            String first = result.stdout().lines().findFirst().orElse("");
            String[] tokens = first.split("\\s+");
            if (result.exitCode() == 0 && tokens.length >= 3 && "ffmpeg".equals(tokens[0])) {
                return Optional.of(tokens[2]);
            }
            looked.add(ffmpeg + " (-version exited " + result.exitCode() + ": " + lastLine(result) + ")");
        } catch (RuntimeException e) {
            looked.add(ffmpeg + " (could not run: " + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    private static String lastLine(ProcessResult result) {
        List<String> tail = result.logTail();
        return tail.isEmpty() ? "no output" : tail.get(tail.size() - 1);
    }

    private record Candidate(Path path, String origin) {
    }
}
