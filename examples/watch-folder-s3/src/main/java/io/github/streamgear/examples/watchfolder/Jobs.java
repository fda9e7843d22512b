package io.github.streamgear.examples.watchfolder;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.github.streamgear.camel.StreamGearConstants;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/** The outcome of each inbox file's transcoding (its job id, or why it failed), for the demo to wait on. */
final class Jobs {

    private final Map<String, CompletableFuture<String>> byFile = new ConcurrentHashMap<>();

    /** The outcome for an inbox file name, e.g. {@code sample.mp4}: completed with the job id once transcoded. */
    CompletableFuture<String> of(String fileName) {
        return byFile.computeIfAbsent(fileName, name -> new CompletableFuture<>());
    }

    /** Called by the watch-folder route: completes the file's outcome when the exchange is done. */
    void watch(Exchange exchange) {
        CompletableFuture<String> outcome = of(exchange.getIn().getHeader(Exchange.FILE_NAME, String.class));
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                outcome.complete(done.getMessage().getHeader(StreamGearConstants.JOB_ID, String.class));
            }

            @Override
            public void onFailure(Exchange failed) {
                Exception cause = failed.getException();
                outcome.completeExceptionally(cause != null ? cause : new IllegalStateException("transcoding failed"));
            }
        });
    }
}
