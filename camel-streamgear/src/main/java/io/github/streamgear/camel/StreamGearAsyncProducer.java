package io.github.streamgear.camel;

import org.apache.camel.support.DefaultAsyncProducer;

/** What both producers share: their endpoint, and the check of its encoding options when the first of them starts. */
abstract class StreamGearAsyncProducer extends DefaultAsyncProducer {

    StreamGearAsyncProducer(StreamGearEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getEndpoint().checkEncodingOnce();
    }

    @Override
    public StreamGearEndpoint getEndpoint() {
        return (StreamGearEndpoint) super.getEndpoint();
    }
}
