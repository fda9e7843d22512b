package io.github.streamgear.camel;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.github.streamgear.engine.tracks.SidecarSubtitle;
import org.apache.camel.Exchange;

/** Reads the side-car subtitle files a message names in {@link StreamGearConstants#SUBTITLES}. */
final class SidecarHeader {

    private SidecarHeader() {
    }

    static List<SidecarSubtitle> subtitles(Exchange exchange) {
        Object value = exchange.getIn().getHeader(StreamGearConstants.SUBTITLES);
        List<SidecarSubtitle> subtitles = new ArrayList<>();
        if (value instanceof Collection<?> items) {
            items.forEach(item -> add(subtitles, item));
        } else if (value != null) {
            add(subtitles, value);
        }
        return subtitles;
    }

    private static void add(List<SidecarSubtitle> subtitles, Object item) {
        if (item instanceof Path path) {
            subtitles.add(SidecarSubtitle.parse(path.toString()));
        } else if (item instanceof File file) {
            subtitles.add(SidecarSubtitle.parse(file.getPath()));
        } else if (item != null) {
            for (String part : item.toString().split(",")) {
                if (!part.isBlank()) {
                    subtitles.add(SidecarSubtitle.parse(part));
                }
            }
        }
    }
}
