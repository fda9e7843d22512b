package io.github.streamgear.examples.watchfolder;

/**
 * Where the streams are published: a bucket, a key prefix and how to reach the S3 service, turned into a camel-aws2-s3
 * endpoint URI.
 *
 * @param bucket           the bucket
 * @param keyPrefix        put before every key ({@code streams/} gives {@code streams/JOB/manifest.mpd})
 * @param region           the AWS region (S3-compatible servers accept any)
 * @param endpoint         the service URL of an S3-compatible server (MinIO, Ceph, R2, s3proxy, an AWS regional
 *                         endpoint); null for the embedded demo server
 * @param accessKey        access key; null to use the AWS SDK's default credentials (environment, profile, role)
 * @param secretKey        secret key
 * @param forcePathStyle   {@code http://host/bucket/key} rather than {@code http://bucket.host/key} (most S3-compatible
 *                         servers need it)
 * @param autoCreateBucket create the bucket when it does not exist
 */
record S3Target(String bucket, String keyPrefix, String region, String endpoint, String accessKey, String secretKey,
        boolean forcePathStyle, boolean autoCreateBucket) {

    static S3Target from(Settings settings) {
        return new S3Target(settings.get("s3.bucket", "media"), settings.get("s3.keyPrefix", ""),
                settings.get("s3.region", "us-east-1"), settings.get("s3.endpoint"), settings.get("s3.accessKey"),
                settings.get("s3.secretKey"), settings.flag("s3.forcePathStyle", true),
                settings.flag("s3.autoCreateBucket", false));
    }

    /** The same bucket on another server (the embedded one), with its keys; the bucket is created there. */
    S3Target on(String url, String key, String secret) {
        return new S3Target(bucket, keyPrefix, region, url, key, secret, true, true);
    }

    /** The camel-aws2-s3 endpoint that puts (and, with {@code CamelAwsS3Operation}, deletes or lists) objects. */
    String camelUri() {
        StringBuilder uri = new StringBuilder("aws2-s3://").append(bucket).append("?region=").append(region);
        if (accessKey != null) {
            uri.append("&accessKey=RAW(").append(accessKey).append(")&secretKey=RAW(").append(secretKey).append(')');
        } else {
            uri.append("&useDefaultCredentialsProvider=true");
        }
        if (endpoint != null) {
            uri.append("&overrideEndpoint=true&uriEndpointOverride=RAW(").append(endpoint).append(')')
                    .append("&forcePathStyle=").append(forcePathStyle);
        }
        return uri.append("&autoCreateBucket=").append(autoCreateBucket).toString();
    }

    /** For the log: the bucket and where it is, without credentials. */
    String describe() {
        return "s3://" + bucket + "/" + keyPrefix + " (" + (endpoint == null ? "AWS S3, " + region : endpoint) + ")";
    }
}
