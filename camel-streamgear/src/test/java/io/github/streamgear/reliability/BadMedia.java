package io.github.streamgear.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.TestMedia;

/**
 * The inputs of the reliability suite that {@link TestMedia} has no generator for: tiny clips (320x180, a few seconds,
 * so that the whole suite stays fast) and damaged or misleading files made from them. Generated once per build into
 * {@code target/test-media/reliability}; the damaged copies are written into the test's own folder.
 */
final class BadMedia {

    private static final Path DIR = Path.of("target", "test-media", "reliability").toAbsolutePath();

    private BadMedia() {
    }

    /** 320x180, 25 fps, 4 s, H.264 + AAC, moov first ({@code +faststart}): a truncated copy keeps its index. */
    static Path clip() {
        return make("clip-faststart.mp4", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo", "-t", "4", "-c:v", "libx264", "-preset",
                "veryfast", "-crf", "23", "-c:a", "aac", "-b:a", "64k", "-shortest", "-movflags", "+faststart");
    }

    /** The same clip with the index (moov) at the end, as FFmpeg writes an MP4 by default. */
    static Path clipMoovAtEnd() {
        return make("clip-moov-at-end.mp4", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo", "-t", "4", "-c:v", "libx264", "-preset",
                "veryfast", "-crf", "23", "-c:a", "aac", "-b:a", "64k", "-shortest");
    }

    /** 320x180, 25 fps, 6 s with audio: the source of the fault cases, read at real speed so there is time to act. */
    static Path sixSeconds() {
        return make("six-seconds.mp4", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo", "-t", "6", "-c:v", "libx264", "-preset",
                "veryfast", "-crf", "23", "-c:a", "aac", "-b:a", "64k", "-shortest");
    }

    /**
     * 640x360, 25 fps, 30 s with audio and noise: with a 320x180 rung its HLS or DASH output is about 3 MB, more than a
     * 2 MiB file system holds.
     */
    static Path thirtySecondsNoisy() {
        return make("thirty-seconds-noisy.mp4", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25,noise=alls=20:allf=t",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo", "-t", "30", "-c:v",
                "libx264", "-preset", "ultrafast", "-crf", "28", "-c:a", "aac", "-b:a", "64k", "-shortest");
    }

    /** 2 s of AAC in an MP4: a file with no video at all. */
    static Path audioOnly() {
        return make("audio-only.mp4", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "2", "-c:a", "aac",
                "-f", "mp4");
    }

    /** A PNG picture named .mp4. */
    static Path pngNamedMp4() {
        return make("png-picture.mp4", "-f", "lavfi", "-i", "testsrc2=size=160x90", "-frames:v", "1", "-c:v", "png", "-f",
                "image2");
    }

    /** A JPEG picture named .mp4. */
    static Path jpegNamedMp4() {
        return make("jpeg-picture.mp4", "-f", "lavfi", "-i", "testsrc2=size=160x90", "-frames:v", "1", "-c:v", "mjpeg", "-f",
                "image2");
    }

    /** An MP4 into which no frame was ever encoded: its duration is zero. */
    static Path zeroDuration() {
        return make("zero-duration.mp4", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25", "-frames:v", "0", "-c:v",
                "libx264");
    }

    /** One 160x90 frame (40 ms). */
    static Path singleFrame() {
        return make("single-frame.mp4", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25", "-frames:v", "1", "-c:v",
                "libx264");
    }

    /** 2 s of 1x1 video (4:4:4, the only chroma layout a 1x1 picture fits). */
    static Path onePixel() {
        return make("one-pixel.mp4", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25", "-t", "2", "-vf",
                "scale=1:1,format=yuv444p", "-c:v", "libx264");
    }

    /**
     * A YUV4MPEG stream whose header claims 8192x8192 pictures (a 96 MiB frame) followed by 5000 bytes: ffprobe believes
     * the header, and a transcoder that does too plans an 8K ladder for nothing.
     */
    static Path hugeDimensionClaims(Path dir) throws IOException {
        byte[] header = "YUV4MPEG2 W8192 H8192 F25:1 Ip A1:1 C420jpeg\nFRAME\n".getBytes();
        byte[] noise = new byte[5000];
        new SplittableRandom(42).nextBytes(noise);
        byte[] data = new byte[header.length + noise.length];
        System.arraycopy(header, 0, data, 0, header.length);
        System.arraycopy(noise, 0, data, header.length, noise.length);
        return Files.write(dir.resolve("huge-claims.y4m"), data);
    }

    /** A copy of {@code source} cut to {@code percent} % of its bytes. */
    static Path cut(Path source, int percent, Path dir) throws IOException {
        Path copy = TestMedia.truncated(source, Files.size(source) * percent / 100, dir);
        return Files.move(copy, dir.resolve("cut" + percent + "-" + source.getFileName()));
    }

    /** A copy of {@code source} with 3000 random bytes written over its middle. */
    static Path corruptedMiddle(Path source, Path dir) throws IOException {
        byte[] data = Files.readAllBytes(source);
        byte[] noise = new byte[3000];
        new SplittableRandom(7).nextBytes(noise);
        System.arraycopy(noise, 0, data, data.length / 2, noise.length);
        return Files.write(dir.resolve("corrupted-" + source.getFileName()), data);
    }

    /** Duration of a media file as ffprobe reads it, in seconds. */
    static double duration(Path media) {
        try {
            return Double.parseDouble(StreamInspector.ffprobe("-v", "error", "-show_entries", "format=duration", "-of",
                    "csv=p=0", media.toString()).trim());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot probe " + media, e);
        }
    }

    private static synchronized Path make(String name, String... args) {
        Path out = DIR.resolve(name);
        if (Files.exists(out)) {
            return out;
        }
        try {
            Files.createDirectories(DIR);
            Path tmp = DIR.resolve("tmp-" + name);
            List<String> argv = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y"));
            argv.addAll(List.of(args));
            argv.add(tmp.toString());
            TestMedia.run(argv);
            return Files.move(tmp, out);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make test media " + name, e);
        }
    }
}
