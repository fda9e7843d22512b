package io.github.streamgear.camel;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.testing.TestFrames;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publishing to a real S3-compatible server (s3proxy, in-process) with camel-aws2-s3 and no glue in the route. */
class S3PublishingTest extends CamelTestSupport {

    private static final String KEY = "test-key";
    private static final String SECRET = "test-secret";
    private static final String BUCKET = "media";

    @TempDir
    static Path work;

    private static int port;
    private static BlobStore store;
    private static S3Proxy proxy;
    private static S3Client s3;

    @BeforeAll
    static void startS3() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        store = new TransientNio2BlobStore();
        proxy = startProxy();
        s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .build();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
        proxy.stop();
    }

    private static S3Proxy startProxy() throws Exception {
        S3Proxy started = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET).build();
        started.start();
        while (!"STARTED".equals(started.getState())) {
            Thread.sleep(10);
        }
        return started;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("streamgear:pub?keyPrefix=streams/&s3DeleteOperation=true&retryDelay=200")
                        .to("aws2-s3://" + BUCKET + "?accessKey=RAW(" + KEY + ")&secretKey=RAW(" + SECRET + ")&region=us-east-1"
                            + "&overrideEndpoint=true&uriEndpointOverride=http://127.0.0.1:" + port
                            + "&forcePathStyle=true&autoCreateBucket=true");
            }
        };
    }

    @Test
    void vodJobLandsInTheBucketWithContentTypesAndCacheControl() throws Exception {
        Exchange x = template.request("streamgear:pub?format=hls&streams=320x180&outputDir=" + work,
                e -> e.getIn().setBody(TestMedia.standard().toFile()));
        assertNull(x.getException());
        awaitKey("streams/standard/manifest.m3u8");

        assertEquals(files(work.resolve("standard"), "streams/standard/"), keys("streams/standard/"));
        HeadObjectResponse master = s3.headObject(b -> b.bucket(BUCKET).key("streams/standard/manifest.m3u8"));
        assertEquals("application/vnd.apple.mpegurl", master.contentType());
        assertEquals("public, max-age=31536000, immutable", master.cacheControl());
        HeadObjectResponse segment = s3.headObject(b -> b.bucket(BUCKET).key("streams/standard/stream_360p_00000.ts"));
        assertEquals("video/mp2t", segment.contentType());
        assertEquals(Files.size(work.resolve("standard/stream_360p_00000.ts")), segment.contentLength());
    }

    @Test
    void liveSessionSurvivesAnS3OutageAndEndsWithTheBucketEqualToTheDisk() throws Exception {
        String uri = "streamgear:pub?format=dash&livestream=true&windowSize=3&extraWindowSize=1&segmentDuration=1"
                + "&frameWidth=320&frameHeight=180&inputFramerate=25&preset=ultrafast&outputDir=" + work;
        TestFrames.paceRealTime(25, 16 * 25, i -> {
            if (i == 5 * 25) {
                proxy.stop(); // S3 goes away for 3 seconds, mid-stream
            } else if (i == 8 * 25) {
                proxy = startProxy();
            }
            Exchange x = template.request(uri, e -> {
                e.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 320, 180, i));
                e.getIn().setHeader(StreamGearConstants.JOB_ID, "camera-1");
            });
            assertNull(x.getException(), "the session keeps running while S3 is down");
        });
        Exchange end = template.request(uri, e -> {
            e.getIn().setHeader(StreamGearConstants.JOB_ID, "camera-1");
            e.getIn().setHeader(StreamGearConstants.END_OF_STREAM, true);
        });
        assertNull(end.getException());

        Set<String> onDisk = files(work.resolve("camera-1"), "streams/camera-1/");
        String finalMpd = Files.readString(work.resolve("camera-1/manifest.mpd"));
        // the key exists from the live versions: wait for the final version too, delivered after the session ended
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(keys("streams/camera-1/").equals(onDisk) && finalMpd.equals(publishedMpd())) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(onDisk, keys("streams/camera-1/"), "nothing missing, nothing extra: expired segments were deleted");
        assertTrue(onDisk.size() <= 2 + 4, "only the last window (+1 extra) and the manifest/init remain: " + onDisk);
        assertEquals(finalMpd, publishedMpd(), "the final manifest was published");
    }

    private static String publishedMpd() {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("streams/camera-1/manifest.mpd")).asUtf8String();
    }

    private static void awaitKey(String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!keys(key).contains(key) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static Set<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> files(Path dir, String prefix) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> prefix + p.getFileName()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
