package io.github.streamgear.engine.output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.PlannedRendition;
import io.github.streamgear.engine.settings.Segmenting;
import io.github.streamgear.engine.settings.StreamFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published live MPD: each dynamic draft is published with the edits; FFmpeg's last (static) draft only by
 * {@link LiveMpd#finish}, after the finishing rewrite, so that its cut-short duration is never published; the draft is
 * deleted at the end.
 */
class LiveMpdTest {

    @TempDir
    Path dir;

    private static final String DRAFT = "<MPD type=\"%s\" mediaPresentationDuration=\"PT21.3S\"><Period/></MPD>\n";

    @Test
    void dynamicDraftsArePublishedEditedAndTheStaticOneOnlyFinished() throws Exception {
        OutputLayout layout = new OutputLayout(new Segmenting(StreamFormat.DASH, Segmenting.DEFAULTS.hlsSegmentType(), 2, "manifest"),
                new Ladder(List.of(new PlannedRendition(0, "180p", 320, 180, 300)), List.of(), List.of()), false)
                .withMpdDraft();
        LiveMpd mpd = new LiveMpd(dir, layout);
        mpd.edit(text -> text.replace("<Period/>", "<Period><edited/></Period>"));
        Path draft = dir.resolve(layout.mpdDraft());
        Path published = dir.resolve("manifest.mpd");
        assertEquals(".manifest.ffmpeg.mpd", layout.mpdDraft());

        mpd.update();
        assertFalse(Files.exists(published), "nothing before FFmpeg's first draft");
        Files.writeString(draft, DRAFT.formatted("dynamic"));
        mpd.update();
        assertEquals(DRAFT.formatted("dynamic").replace("<Period/>", "<Period><edited/></Period>"),
                Files.readString(published));

        Files.writeString(draft, DRAFT.formatted("static"));
        mpd.update(); // the watcher's report of FFmpeg's last version
        assertTrue(Files.readString(published).contains("type=\"dynamic\""), "the static draft waits for finish");
        mpd.finish(p -> {
            try {
                Files.writeString(p, Files.readString(p).replace("PT21.3S", "PT21.462S"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals("<MPD type=\"static\" mediaPresentationDuration=\"PT21.462S\"><Period><edited/></Period></MPD>\n",
                Files.readString(published));
        assertFalse(Files.exists(draft), "the draft is deleted at the end");
        mpd.update(); // a late watcher changes nothing
        assertTrue(Files.readString(published).contains("PT21.462S"));
    }
}
