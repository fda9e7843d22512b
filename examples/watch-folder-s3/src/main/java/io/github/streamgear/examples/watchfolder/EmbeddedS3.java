package io.github.streamgear.examples.watchfolder;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3-compatible server in this JVM (<a href="https://github.com/gaul/s3proxy">s3proxy</a> with an in-memory store),
 * so that the example runs without a cloud account. It speaks the real S3 protocol: camel-aws2-s3 talks to it exactly
 * as it would to AWS. Its objects are gone when the application stops.
 */
final class EmbeddedS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final String url;

    private EmbeddedS3(S3Proxy proxy, String url) {
        this.proxy = proxy;
        this.url = url;
    }

    /** Starts it on 127.0.0.1 ({@code port} 0 picks a free one), accepting only the given keys. */
    static EmbeddedS3 start(int port, String accessKey, String secretKey) throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .stopTimeout(1000)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("The embedded S3 server did not start (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
        return new EmbeddedS3(proxy, "http://127.0.0.1:" + proxy.getPort());
    }

    String url() {
        return url;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
