package io.github.streamgear.examples.scaleout;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * What a worker reports on the status queue when it is done with a job, version 1:
 * {@code {"version":1,"jobId":"talk-5f2c0e9b1a3d","state":"done","worker":"host-1234","attempt":2,
 * "bucket":"media","manifests":["streams/talk-5f2c0e9b1a3d/manifest.mpd", ...],"files":23,"seconds":41.2}}, or
 * {@code "state":"failed"} with a {@code "reason"} when the job was dead-lettered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobStatus(int version, String jobId, String state, String worker, Integer attempt, String bucket,
        List<String> manifests, Integer files, Double seconds, String reason) {

    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public static JobStatus done(String jobId, String worker, int attempt, String bucket, List<String> manifests,
            int files, double seconds) {
        return new JobStatus(1, jobId, DONE, worker, attempt, bucket, manifests, files, seconds, null);
    }

    public static JobStatus failed(String jobId, String worker, int attempt, String reason) {
        return new JobStatus(1, jobId, FAILED, worker, attempt, null, null, null, null, reason);
    }

    public static JobStatus parse(String json) {
        try {
            return JobMessage.JSON.readValue(json, JobStatus.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a job status: " + json, e);
        }
    }

    public String toJson() {
        try {
            return JobMessage.JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
