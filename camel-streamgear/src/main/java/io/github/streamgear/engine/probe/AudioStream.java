package io.github.streamgear.engine.probe;

/**
 * An audio stream of the source, as ffprobe reports it.
 *
 * @param index      the stream's index in the source (ffprobe's {@code Stream #0:index})
 * @param language   its {@code language} tag as written (ISO 639-2 in most containers), null if untagged
 * @param title      its {@code title} tag, null if none
 * @param channels   channel count, 0 if unknown
 * @param isDefault  disposition {@code default}
 * @param commentary disposition {@code comment}
 * @param describesVideo disposition {@code visual_impaired} (audio description)
 */
public record AudioStream(int index, String language, String title, int channels, boolean isDefault, boolean commentary,
        boolean describesVideo) {
}
