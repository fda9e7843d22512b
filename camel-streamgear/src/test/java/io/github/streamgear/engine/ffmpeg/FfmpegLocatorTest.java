package io.github.streamgear.engine.ffmpeg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FfmpegLocatorTest {

    private static final FfmpegRunner RUNNER = new FfmpegRunner();

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        RUNNER.close();
    }

    @Test
    void findsFfmpegAndFfprobeOnThePath() {
        FfmpegBinaries found = new FfmpegLocator(RUNNER).locate(null, null);
        assertEquals("PATH", found.origin());
        assertTrue(found.majorVersion() >= 5, found.toString());
        assertTrue(Files.isExecutable(found.ffprobe()), found.toString());
    }

    @Test
    void nothingFoundNamesEveryPlaceLookedAt() {
        FfmpegNotFoundException e = assertThrows(FfmpegNotFoundException.class,
                () -> new FfmpegLocator(RUNNER, dir.toString()).locate(null, null));
        assertTrue(e.getMessage().contains("PATH=" + dir + " (no ffmpeg)"), e.getMessage());
        assertTrue(e.getMessage().contains("bundled jar org.bytedeco:ffmpeg"), e.getMessage());
        assertTrue(e.getMessage().contains("not on the classpath"), e.getMessage());
    }

    @Test
    void anFfmpegThatDoesNotRunIsRejectedWithItsOwnWords() throws Exception {
        Path fake = dir.resolve("ffmpeg");
        Files.writeString(fake, "#!/bin/sh\necho 'error while loading shared libraries: libavdevice.so.59' >&2\nexit 127\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        FfmpegNotFoundException e = assertThrows(FfmpegNotFoundException.class,
                () -> new FfmpegLocator(RUNNER, "").locate(dir.toString(), null));
        assertTrue(e.getMessage().contains("-version exited 127"), e.getMessage());
        assertTrue(e.getMessage().contains("libavdevice"), e.getMessage());
    }

    @Test
    void aConfiguredFolderIsSearchedForBothExecutables() {
        FfmpegBinaries found = new FfmpegLocator(RUNNER, "").locate("/usr/bin", "/usr/bin");
        assertEquals(Path.of("/usr/bin/ffmpeg"), found.ffmpeg());
        assertEquals(Path.of("/usr/bin/ffprobe"), found.ffprobe());
        assertEquals("option ffmpegPath", found.origin());
    }
}
