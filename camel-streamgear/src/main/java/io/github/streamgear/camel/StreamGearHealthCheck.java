package io.github.streamgear.camel;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.job.Transcoder;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: FFmpeg and ffprobe are found and answer {@code -version} (details: version, paths, origin); DOWN with the
 * list of places looked at otherwise. Liveness: every open frame session still has its FFmpeg running, and no live
 * network source (of a consumer, or started by message) has been lost for longer than its {@code sourceLostGrace} (or
 * was given up).
 */
final class StreamGearHealthCheck extends AbstractHealthCheck {

    private final StreamGearComponent component;

    StreamGearHealthCheck(StreamGearComponent component) {
        super("components", "streamgear", Map.of(CHECK_KIND, Kind.ALL));
        this.component = component;
    }

    @Override
    public boolean isLiveness() {
        return true;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (options.get(CHECK_KIND) == Kind.LIVENESS) {
            int broken = component.brokenSessions();
            List<String> sourcesDown = component.liveSourcesDown();
            builder.detail("sessions.open", component.openSessions());
            builder.detail("sources.down", sourcesDown.size());
            if (broken == 0 && sourcesDown.isEmpty()) {
                builder.up();
            } else if (broken > 0) {
                builder.down().message(broken + " live session(s) lost their FFmpeg process");
            } else {
                builder.down().message(String.join("; ", sourcesDown));
            }
            return;
        }
        try {
            Transcoder transcoder = component.transcoder(component.getFfmpegPath(), component.getFfprobePath(),
                    Duration.ofSeconds(10));
            builder.detail("ffmpeg.version", transcoder.binaries().version());
            builder.detail("ffmpeg.path", transcoder.binaries().ffmpeg().toString());
            builder.detail("ffprobe.path", transcoder.binaries().ffprobe().toString());
            builder.detail("ffmpeg.origin", transcoder.binaries().origin());
            builder.up();
        } catch (StreamGearException e) {
            builder.down().message(e.getMessage()).error(e);
        }
    }
}
