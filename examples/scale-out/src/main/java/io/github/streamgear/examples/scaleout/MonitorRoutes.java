package io.github.streamgear.examples.scaleout;

import org.apache.camel.builder.RouteBuilder;

/**
 * Logs every job status as it arrives (a failed status carries the reason). Dead-lettered jobs stay in their queue for
 * an operator to inspect and resend; this route does not consume them.
 */
public final class MonitorRoutes extends RouteBuilder {

    private final Settings settings;

    private final java.util.function.Consumer<String> onStatus;

    public MonitorRoutes(Settings settings) {
        this(settings, status -> { });
    }

    /** Also hands every status (its JSON) to {@code onStatus}: the one-machine demo waits for its jobs this way. */
    public MonitorRoutes(Settings settings, java.util.function.Consumer<String> onStatus) {
        this.settings = settings;
        this.onStatus = onStatus;
    }

    @Override
    public void configure() {
        from(settings.statusUri())
                .routeId("status")
                .log("Status: ${body}")
                .process(exchange -> onStatus.accept(exchange.getIn().getBody(String.class)));
    }
}
