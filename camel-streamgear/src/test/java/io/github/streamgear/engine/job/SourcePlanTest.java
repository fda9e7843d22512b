package io.github.streamgear.engine.job;

import java.util.List;

import io.github.streamgear.engine.command.SourceSpec;
import io.github.streamgear.engine.ffmpeg.FfmpegBinaries;
import io.github.streamgear.engine.ffmpeg.FfmpegLocator;
import io.github.streamgear.engine.ffmpeg.FfmpegRunner;
import io.github.streamgear.engine.probe.MediaProbe;
import io.github.streamgear.engine.settings.CopyPrimary;
import io.github.streamgear.testing.LogCapture;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.TestMedia;
import io.github.streamgear.testing.TestSettings;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probes a file job's plan runs: with {@code copyPrimary=auto} the keyframes are read beside the stream probe (two
 * ffprobe starts at once, not one after the other), and without it not at all.
 */
class SourcePlanTest {

    private static final FfmpegRunner RUNNER = new FfmpegRunner();
    private static final FfmpegBinaries BINARIES = new FfmpegLocator(RUNNER).locate(null, null);
    private static final MediaProbe PROBE = new MediaProbe(BINARIES, RUNNER);
    private static final String RUNNER_LOGGER = FfmpegRunner.class.getName();

    private final LogCapture logs = new LogCapture();
    private Level runnerLevel;

    @BeforeEach
    void captureCommands() {
        runnerLevel = org.apache.logging.log4j.LogManager.getLogger(RUNNER_LOGGER).getLevel();
        Configurator.setLevel(RUNNER_LOGGER, Level.DEBUG);
        logs.attach(Level.DEBUG);
    }

    @AfterEach
    void restore() {
        logs.detach();
        Configurator.setLevel(RUNNER_LOGGER, runnerLevel);
    }

    @AfterAll
    static void close() {
        RUNNER.close();
    }

    @Test
    void aCopiedPrimaryReadsTheKeyframesBesideTheStreamProbe() {
        String source = TestMedia.streamable().toString();
        SourcePlan plan = SourcePlan.of("Job plan", SourceSpec.file(TestMedia.streamable()),
                TestSettings.streams("320x180").copyPrimary(CopyPrimary.AUTO).build(), List.of(), PROBE, BINARIES);
        assertNotNull(plan.ladder().copied(), "the source is fit: its video is the primary rendition");
        List<String> probes = probesOf(source);
        assertEquals(2, probes.size(), probes.toString());
        assertTrue(probes.get(0).contains("packet=pts_time"), "the keyframe read starts first: " + probes);
        assertTrue(probes.get(1).contains("-show_streams"), "then the stream probe: " + probes);
        assertTrue(Processes.leftoverFfmpeg().stream().noneMatch(c -> c.contains(source)), "no ffprobe left");
    }

    @Test
    void everyRenditionEncodedReadsNoKeyframes() {
        String source = TestMedia.streamable().toString();
        SourcePlan plan = SourcePlan.of("Job plan", SourceSpec.file(TestMedia.streamable()),
                TestSettings.streams("320x180").build(), List.of(), PROBE, BINARIES);
        assertNull(plan.ladder().copied());
        List<String> probes = probesOf(source);
        assertEquals(1, probes.size(), probes.toString());
        assertTrue(probes.get(0).contains("-show_streams"), probes.toString());
    }

    /** The "Running [argv]" lines of the probes of {@code source}, in the order they started. */
    private List<String> probesOf(String source) {
        return logs.lines(Level.DEBUG, "Running [").stream().filter(l -> l.contains("ffprobe") && l.contains(source))
                .toList();
    }
}
