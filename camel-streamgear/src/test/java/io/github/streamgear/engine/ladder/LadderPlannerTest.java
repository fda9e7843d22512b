package io.github.streamgear.engine.ladder;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LadderPlannerTest {

    private final LadderPlanner planner = new LadderPlanner(0.1);

    @Test
    void parsesRenditionSpecs() {
        assertEquals(List.of(new Rendition(640, 360, 800), Rendition.of(426, 240), new Rendition(1920, 1080, 4500)),
                Rendition.parseList("640x360@800k, 426X240 ,1920x1080@4.5M"));
        assertEquals(List.of(), Rendition.parseList(" "));
        for (String bad : List.of("640", "640x", "x360", "640x360@", "640x360@fast", "0x360", "640x360@0k")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rendition.parseList(bad), bad);
            assertTrue(e.getMessage().contains("'streams'"), e.getMessage());
        }
    }

    @Test
    void estimatesBitratesLikeStreamGear() {
        // round(w * h * fps * bpp / 1000): the reference figures of StreamGear's fact sheet
        assertEquals(2765, planner.estimateKbps(1280, 720, 30));
        assertEquals(2304, planner.estimateKbps(1280, 720, 25));
        assertEquals(2762, planner.estimateKbps(1280, 720, 29.97));
        assertEquals(691, planner.estimateKbps(640, 360, 30));
        assertEquals(984, planner.estimateKbps(854, 480, 24));
    }

    @Test
    void primaryAtSourceSizeThenFittedEvenRungs() {
        Ladder ladder = planner.plan(1280, 720, 30, Rendition.parseList("640x360@800k,426x240"));
        assertEquals(List.of(new PlannedRendition(0, "720p", 1280, 720, 2765), new PlannedRendition(1, "360p", 640, 360, 800),
                new PlannedRendition(2, "240p", 426, 240, 307)), ladder.renditions());
        assertEquals(List.of(), ladder.warnings());
    }

    @Test
    void oddSourceGetsAnEvenPrimaryThatNeverUpscales() {
        Ladder ladder = planner.plan(641, 361, 25, List.of());
        assertEquals(640, ladder.primary().width());
        assertEquals(360, ladder.primary().height());
    }

    @Test
    void dropsUpscalingAndDuplicatesAndKeepsAspectRatio() {
        Ladder ladder = planner.plan(640, 360, 30, Rendition.parseList("1280x720,640x360,640x480,320x180"));
        assertEquals(List.of("360p", "180p"), ladder.renditions().stream().map(PlannedRendition::name).toList());
        assertEquals(3, ladder.warnings().size(), ladder.warnings().toString());
        assertTrue(ladder.warnings().get(0).contains("upscaled"), ladder.warnings().get(0));
        assertTrue(ladder.warnings().get(1).contains("already in the ladder"), ladder.warnings().get(1));
    }

    @Test
    void portraitSourceFitsInsideLandscapeBoxes() {
        Ladder ladder = planner.plan(720, 1280, 30, Rendition.parseList("640x360"));
        assertEquals(new PlannedRendition(1, "202p", 202, 360, 218), ladder.renditions().get(1));
        assertTrue(ladder.notes().get(0).contains("aspect ratio"), ladder.notes().toString());
        assertEquals(List.of(), ladder.warnings(), "a documented adjustment, not a warning");
    }

    /**
     * The getting-started ladder on a 768x576 camera clip: the source-size rung's estimate (442k at 10 fps) was below
     * the explicit 800k of the smaller 640x360, so a player's ABR climbed to a bigger but worse picture.
     */
    @ParameterizedTest
    @ValueSource(doubles = { 10, 25, 60 })
    void bitratesRiseWithThePictureSize(double fps) {
        Ladder ladder = planner.plan(768, 576, fps, Rendition.parseList("640x360@800k,426x240"));
        List<PlannedRendition> bySize = ladder.renditions().stream()
                .sorted(Comparator.comparingLong((PlannedRendition r) -> (long) r.width() * r.height()).reversed()).toList();
        for (int i = 1; i < bySize.size(); i++) {
            assertTrue(bySize.get(i - 1).bitrateKbps() > bySize.get(i).bitrateKbps(), fps + " fps: " + bySize);
        }
        assertEquals(800, ladder.renditions().get(1).bitrateKbps(), "the explicit bitrate is the user's");
        assertEquals(List.of(), ladder.warnings());
    }

    @Test
    void explicitBitratesThatFallWithThePictureSizeAreReported() {
        Ladder ladder = planner.plan(1280, 720, 30, Rendition.parseList("960x540@900k,640x360@1500k"));
        assertEquals(List.of(900, 1500), List.of(ladder.renditions().get(1).bitrateKbps(), ladder.renditions().get(2).bitrateKbps()));
        assertEquals(1, ladder.warnings().size(), ladder.warnings().toString());
        assertTrue(ladder.warnings().get(0).startsWith("rendition 640x360 asks for 1500k, more than the larger 960x540 at 900k"),
                ladder.warnings().get(0));
    }
}
