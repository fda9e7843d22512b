package io.github.streamgear.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Small test videos made with FFmpeg's lavfi sources, generated once per build into {@code target/test-media}.
 */
public final class TestMedia {

    private static final Path DIR = Path.of("target", "test-media").toAbsolutePath();

    private TestMedia() {
    }

    /** 640x360, 30 fps, 8 s, H.264 + AAC stereo. */
    public static Path standard() {
        return make("standard.mp4", 640, 360, "30", 8, true, "yuv420p");
    }

    /** 1280x720, 30 fps, 6 s, H.264 + AAC: room for a three-rung ladder. */
    public static Path hd() {
        return make("hd.mp4", 1280, 720, "30", 6, true, "yuv420p");
    }

    /** 641x361 (odd dimensions, 4:4:4 chroma), 25 fps, 6 s, with audio. */
    public static Path oddDimensions() {
        return make("odd-641x361.mp4", 641, 361, "25", 6, true, "yuv444p");
    }

    /** 640x360, 30 fps, 6 s, video only. */
    public static Path noAudio() {
        return make("no-audio.mp4", 640, 360, "30", 6, false, "yuv420p");
    }

    /** 640x360 at 29.97 fps (30000/1001), 6 s, with audio. */
    public static Path ntsc() {
        return make("ntsc-29.97.mp4", 640, 360, "30000/1001", 6, true, "yuv420p");
    }

    /** 360x640 portrait, 30 fps, 6 s, with audio. */
    public static Path portrait() {
        return make("portrait-360x640.mp4", 360, 640, "30", 6, true, "yuv420p");
    }

    /**
     * 640x360 H.264 at 25 fps with a keyframe every 50 frames (2 s, no scene-cut keyframes), 6 s, AAC stereo: a source
     * fit for streaming as it is (videoCodec=copy, copyPrimary=auto); 4 s segments cut at its keyframes are 4 + 2 s.
     */
    public static synchronized Path streamable() {
        Path out = DIR.resolve("gop50.mp4");
        if (Files.exists(out)) {
            return out;
        }
        try {
            Files.createDirectories(DIR);
            Path tmp = DIR.resolve("tmp-gop50.mp4");
            run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo", "-t", "6", "-c:v", "libx264",
                    "-preset", "veryfast", "-crf", "23", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-c:a",
                    "aac", "-b:a", "128k", "-shortest", tmp.toString()));
            Files.move(tmp, out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make test media gop50.mp4", e);
        }
    }

    /** A copy of {@code source} cut to its first {@code keep} bytes: a damaged upload. */
    public static Path truncated(Path source, long keep, Path dir) throws IOException {
        Path out = dir.resolve("truncated-" + source.getFileName());
        try (var in = Files.newInputStream(source)) {
            Files.write(out, in.readNBytes((int) keep));
        }
        return out;
    }

    private static synchronized Path make(String name, int width, int height, String rate, int seconds, boolean audio,
            String pixFmt) {
        Path out = DIR.resolve(name);
        if (Files.exists(out)) {
            return out;
        }
        try {
            Files.createDirectories(DIR);
            Path tmp = DIR.resolve("tmp-" + name);
            List<String> argv = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                    "-f", "lavfi", "-i", "testsrc2=size=" + (width + width % 2) + "x" + (height + height % 2) + ":rate=" + rate));
            if (audio) {
                argv.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo"));
            }
            argv.addAll(List.of("-t", Integer.toString(seconds), "-vf", "scale=" + width + ":" + height + ",format=" + pixFmt,
                    "-c:v", "libx264", "-preset", "veryfast", "-crf", "20"));
            if (audio) {
                argv.addAll(List.of("-c:a", "aac", "-b:a", "128k", "-shortest"));
            }
            argv.add(tmp.toString());
            run(argv);
            Files.move(tmp, out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make test media " + name, e);
        }
    }

    /**
     * A 6 s film in Matroska with every kind of track: video; English stereo (default, 440 Hz); French 5.1 titled
     * {@code Français 5.1} (220 Hz); an English SubRip track ("Hello one" 1.0-2.5 s, "Hello two" 4.0-5.0 s); a French
     * ASS track, forced ("Bonjour" 2.0-3.0 s); a DVD bitmap track (FFmpeg's dvdsub encoder, from a PGS file written
     * here); and beside it a German side-car {@code film.de.srt} ("Hallo" 3.0-4.0 s).
     */
    public static synchronized Path film() {
        Path out = DIR.resolve("film.mkv");
        if (Files.exists(out)) {
            return out;
        }
        try {
            Files.createDirectories(DIR);
            Path work = Files.createTempDirectory(DIR, "film");
            Path english = Files.writeString(work.resolve("en.srt"),
                    "1\n00:00:01,000 --> 00:00:02,500\nHello one\n\n2\n00:00:04,000 --> 00:00:05,000\nHello two\n");
            Path french = Files.writeString(work.resolve("fr.ass"), "[Script Info]\nScriptType: v4.00+\nPlayResX: 320\n"
                    + "PlayResY: 240\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, "
                    + "OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, "
                    + "BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\nStyle: Default,Arial,"
                    + "20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,1\n\n[Events]\n"
                    + "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
                    + "Dialogue: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,Bonjour\n");
            Path bitmap = Files.write(work.resolve("bitmap.sup"), BitmapSubtitles.pgs(320, 240, 1.0, 2.0));
            Path tmp = work.resolve("film.mkv");
            run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                    "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo",
                    "-f", "lavfi", "-i", "sine=frequency=220:sample_rate=48000,aformat=channel_layouts=5.1",
                    "-i", english.toString(), "-i", french.toString(), "-fix_sub_duration", "-i", bitmap.toString(),
                    "-map", "0:v", "-map", "1:a", "-map", "2:a", "-map", "3:s", "-map", "4:s", "-map", "5:s", "-t", "6",
                    "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-c:a", "aac", "-b:a:0", "128k", "-b:a:1", "384k",
                    "-c:s:0", "srt", "-c:s:1", "ass", "-c:s:2", "dvdsub",
                    "-metadata:s:a:0", "language=eng", "-disposition:a:0", "default",
                    "-metadata:s:a:1", "language=fre", "-metadata:s:a:1", "title=Français 5.1", "-disposition:a:1", "0",
                    "-metadata:s:s:0", "language=eng", "-disposition:s:0", "0",
                    "-metadata:s:s:1", "language=fra", "-disposition:s:1", "forced",
                    "-metadata:s:s:2", "language=eng", "-disposition:s:2", "0", tmp.toString()));
            Files.writeString(DIR.resolve("film.de.srt"), "1\n00:00:03,000 --> 00:00:04,000\nHallo\n");
            Files.move(tmp, out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make test media film.mkv", e);
        }
    }

    /** Runs a command (FFmpeg) to its end within 2 minutes; fails with its output otherwise. */
    public static void run(List<String> argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(argv + " failed: " + output);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
