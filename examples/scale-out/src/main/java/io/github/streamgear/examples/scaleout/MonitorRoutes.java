package io.github.streamgear.examples.scaleout;

import org.apache.camel.builder.RouteBuilder;

/**
 * Logs every job status as it arrives (a failed status carries the reason). Dead-lettered jobs stay in their queue for
 * an operator to inspect and resend; this route does not consume them.
 */
public final class MonitorRoutes extends RouteBuilder {

    private final Settings settings;

    public MonitorRoutes(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        from(settings.statusUri())
                .routeId("status")
                .log("Status: ${body}");
    }
}
