package io.github.streamgear.examples.scaleout;

import java.net.URI;
import java.nio.file.Path;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/** The S3 client every role shares (bound as {@code #s3}), and a local S3-compatible server for one-machine runs. */
public final class S3 {

    private S3() {
    }

    /**
     * A client for the configured S3 service: {@code s3.url} for an S3-compatible server (path-style requests), empty
     * for AWS itself; {@code s3.accessKey}/{@code s3.secretKey}, or empty for the SDK's default credentials chain.
     */
    public static S3Client client(Settings settings) {
        S3ClientBuilder builder = S3Client.builder().region(Region.of(settings.s3Region()));
        if (!settings.s3Url().isBlank()) {
            builder.endpointOverride(URI.create(settings.s3Url())).forcePathStyle(true);
        }
        if (!settings.s3AccessKey().isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.s3AccessKey(), settings.s3SecretKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    public static void createBucket(S3Client s3, String bucket) {
        try {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            // there already
        }
    }

    /** Starts s3proxy on {@code host:port}, keeping the objects as plain files under {@code dir}. */
    public static S3Proxy startServer(String host, int port, Path dir, String accessKey, String secretKey) throws Exception {
        java.nio.file.Files.createDirectories(dir);
        BlobStore store = new FilesystemNio2BlobStore(dir.toAbsolutePath().toString());
        S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return proxy;
    }
}
