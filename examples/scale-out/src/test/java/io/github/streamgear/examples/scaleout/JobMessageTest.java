package io.github.streamgear.examples.scaleout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job message format of docs/scaling.md: what is accepted, and that nothing else reaches a URI, path or key. */
class JobMessageTest {

    private static final String EXAMPLE = """
            {
              "version": 1,
              "jobId": "talk-5f2c0e9b1a3d",
              "source": { "s3Key": "sources/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.mp4" },
              "options": { "format": "cmaf", "streams": "640x360,426x240", "segmentDuration": 4, "preset": "veryfast" },
              "destination": { "bucket": "media", "prefix": "streams/" }
            }""";

    @Test
    void theDocumentedExampleIsAJob() {
        JobMessage job = JobMessage.parse(EXAMPLE);
        assertEquals("talk-5f2c0e9b1a3d", job.jobId());
        assertEquals("media", job.sourceBucket());
        assertEquals("streams/talk-5f2c0e9b1a3d/", job.outputPrefix());
        assertEquals("format=cmaf&streams=640x360,426x240&segmentDuration=4.0&preset=veryfast", job.endpointOptions());
        assertEquals(job, JobMessage.parse(job.toJson()), "written and read back");
    }

    @Test
    void unknownFieldsAreIgnoredWithinAVersion() {
        JobMessage job = JobMessage.parse(EXAMPLE.replace("\"version\": 1,", "\"version\": 1, \"priority\": 5,"));
        assertEquals("talk-5f2c0e9b1a3d", job.jobId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"version\": 1,|\"version\": 2,",                                   // a version this reader does not know
        "\"jobId\": \"talk-5f2c0e9b1a3d\"|\"jobId\": \"../other-job\"",         // out of its prefix
        "\"jobId\": \"talk-5f2c0e9b1a3d\"|\"jobId\": \"a/b\"",
        "640x360,426x240|640x360&ffmpegPath=/tmp/evil",                       // extra endpoint options
        "640x360,426x240|640x360,426x240&allowedDemuxers=all",
        "\"cmaf\"|\"flv\"",
        "\"veryfast\"|\"veryfast&ffmpeg.f=null\"",
        "\"segmentDuration\": 4|\"segmentDuration\": 0",
        "\"prefix\": \"streams/\"|\"prefix\": \"streams\"",                  // a prefix ends with /
        "\"prefix\": \"streams/\"|\"prefix\": \"../streams/\"",
        "\"bucket\": \"media\"|\"bucket\": \"Media_Bucket\"",
        "{ \"s3Key\": \"sources/|{ \"path\": \"/srv/x.mp4\", \"s3Key\": \"sources/", // two sources
        "{ \"s3Key\": \"sources/|{ \"s3Key\": \"../sources/",
    })
    void invalidJobsAreRefusedNamingTheField(String replacement) {
        String[] change = replacement.split("\\|");
        String json = EXAMPLE.replace(change[0], change[1]);
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> JobMessage.parse(json), json);
        assertTrue(e.getMessage().startsWith("Invalid job message") || e.getMessage().startsWith("Unsupported"),
                e.getMessage());
    }

    @Test
    void aRelativeSharedPathIsRefused() {
        String json = EXAMPLE.replace("\"s3Key\": \"sources/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.mp4\"",
                "\"path\": \"videos/x.mp4\"");
        assertThrows(InvalidJobException.class, () -> JobMessage.parse(json));
    }

    @Test
    void notJsonIsInvalidAndItsJobIdIsStillReported() {
        assertThrows(InvalidJobException.class, () -> JobMessage.parse("not json"));
        assertEquals("unknown", JobMessage.jobIdOf("not json"));
        assertEquals("from-the-future", JobMessage.jobIdOf("{\"version\":2,\"jobId\":\"from-the-future\"}"));
    }
}
