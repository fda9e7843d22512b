package io.github.streamgear.camel;

import java.util.Map;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.Transcoder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness: FFmpeg and ffprobe are found and answer {@code -version} (details: version, paths, origin); DOWN with the
 * list of places looked at otherwise. Liveness: every open frame session still has its FFmpeg running.
 */
final class StreamGearHealthCheck implements HealthCheck {

    private final StreamGearComponent component;
    private final Map<String, Object> meta = Map.of(HealthCheck.CHECK_ID, "streamgear", HealthCheck.CHECK_KIND, Kind.ALL);
    private boolean enabled = true;

    StreamGearHealthCheck(StreamGearComponent component) {
        this.component = component;
    }

    @Override
    public String getGroup() {
        return "components";
    }

    @Override
    public String getId() {
        return "streamgear";
    }

    @Override
    public Map<String, Object> getMetaData() {
        return meta;
    }

    @Override
    public boolean isReadiness() {
        return true;
    }

    @Override
    public boolean isLiveness() {
        return true;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        if (isLiveness(options)) {
            int broken = component.brokenSessions();
            builder.detail("sessions.open", component.openSessions());
            return broken == 0 ? builder.up().build()
                    : builder.down().message(broken + " live session(s) lost their FFmpeg process").build();
        }
        try {
            Transcoder transcoder = component.transcoder(component.getFfmpegPath(), component.getFfprobePath(),
                    java.time.Duration.ofSeconds(10));
            builder.detail("ffmpeg.version", transcoder.binaries().version());
            builder.detail("ffmpeg.path", transcoder.binaries().ffmpeg().toString());
            builder.detail("ffprobe.path", transcoder.binaries().ffprobe().toString());
            builder.detail("ffmpeg.origin", transcoder.binaries().origin());
            return builder.up().build();
        } catch (StreamGearException e) {
            return builder.down().message(e.getMessage()).error(e).build();
        }
    }

    private static boolean isLiveness(Map<String, Object> options) {
        Object kind = options == null ? null : options.get(HealthCheck.CHECK_KIND);
        return kind == Kind.LIVENESS || "LIVENESS".equals(String.valueOf(kind));
    }
}
