package io.github.streamgear.camel;

import io.github.streamgear.engine.output.OutputEvent;

/** Receives every file a job or session of an endpoint completes or removes, as it happens. */
@FunctionalInterface
public interface OutputListener {

    void onOutput(String jobId, OutputEvent event);
}
