package io.github.streamgear.engine.settings;

import java.time.Duration;

/**
 * What a job does with its folder and how it is judged.
 *
 * @param clearPrevAssets  delete the streaming assets an earlier run left in the job folder first
 * @param timeout          longest a job may run; zero for no limit
 * @param previewPage      write an {@code index.html} that plays the output
 * @param previewPlayer    where the preview page loads its player from: the CDN, or a copy written beside it
 * @param previewPlayerUrl the player script the preview page loads; null for the pinned CDN default
 * @param allowShortOutput publish an output that plays shorter than its source (with a warning) instead of failing
 * @param thumbnails       scrubbing thumbnails and poster; {@link Thumbnails#DEFAULTS} (none) when null
 */
public record OutputPolicy(boolean clearPrevAssets, Duration timeout, boolean previewPage, PreviewPlayer previewPlayer,
        String previewPlayerUrl, boolean allowShortOutput, Thumbnails thumbnails) {

    public static final String DEFAULT_TIMEOUT = "0";
    public static final String DEFAULT_PREVIEW_PLAYER = "cdn";

    public static final OutputPolicy DEFAULTS = new OutputPolicy(false, Duration.ofMillis(Long.parseLong(DEFAULT_TIMEOUT)),
            false, PreviewPlayer.CDN, null, false, Thumbnails.DEFAULTS);

    public OutputPolicy {
        timeout = timeout == null ? Duration.ZERO : timeout;
        thumbnails = thumbnails == null ? Thumbnails.DEFAULTS : thumbnails;
        previewPlayer = previewPlayer == null ? PreviewPlayer.CDN : previewPlayer;
        previewPlayerUrl = previewPlayerUrl == null || previewPlayerUrl.isBlank() ? null : previewPlayerUrl.trim();
        if (previewPlayer == PreviewPlayer.COPY && previewPlayerUrl != null) {
            throw new IllegalArgumentException("Options 'previewPlayer=copy' and 'previewPlayerUrl' exclude each other: copy"
                                               + " writes the player beside the page and loads it from there; set one of them");
        }
    }
}
