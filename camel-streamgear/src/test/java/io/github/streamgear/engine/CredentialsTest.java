package io.github.streamgear.engine;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CredentialsTest {

    @Test
    void masksThePasswordOfAUrlAndKeepsTheUser() {
        assertEquals("http://user:xxxxxx@host/x.mp4", Credentials.mask("http://user:S3cr3tPw@host/x.mp4"));
        assertEquals("Job a: transcoding rtsp://cam:xxxxxx@10.0.0.1:554/live into",
                Credentials.mask("Job a: transcoding rtsp://cam:p%40ss@10.0.0.1:554/live into"));
    }

    @Test
    void masksAnSrtPassphrase() {
        assertEquals("srt://ingest:9000?mode=caller&passphrase=xxxxxx&pbkeylen=16",
                Credentials.mask("srt://ingest:9000?mode=caller&passphrase=0123456789abcdef&pbkeylen=16"));
    }

    @Test
    void masksALoneTokenWhole() {
        assertEquals("https://xxxxxx@host/x.mp4", Credentials.mask("https://ghp_token123@host/x.mp4"));
    }

    @Test
    void masksUrlEncodedUserInfoInsideAnEndpointUri() {
        assertEquals("streamgear://x?videoSource=http%3A%2F%2Fuser%3Axxxxxx%40host%2Fx.mp4",
                Credentials.mask("streamgear://x?videoSource=http%3A%2F%2Fuser%3AS3cr3tPw%40host%2Fx.mp4"));
    }

    @Test
    void masksCredentialQueryParameters() {
        assertEquals("https://b.s3.amazonaws.com/x.mp4?X-Amz-Credential=xxxxxx&X-Amz-Signature=xxxxxx&X-Amz-Expires=60",
                Credentials.mask("https://b.s3.amazonaws.com/x.mp4?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=abc123"
                                 + "&X-Amz-Expires=60"));
        assertEquals("http://h/x.m3u8?token=xxxxxx&sig=xxxxxx&quality=hd",
                Credentials.mask("http://h/x.m3u8?token=t0k&sig=s1g&quality=hd"));
    }

    @Test
    void leavesPlainTextAndPathsAlone() {
        String text = "Job movie: transcoding /srv/in/a@b.mp4 (h264 1280x720) user@example.com";
        assertEquals(text, Credentials.mask(text));
        assertEquals(List.of("-i", "http://u:xxxxxx@h/a.mp4"), Credentials.mask(List.of("-i", "http://u:pw@h/a.mp4")));
    }

    /** A content key given to FFmpeg on its command line is masked whole in the logged argv. */
    @Test
    void masksContentKeyOptionsInACommandLine() {
        List<String> argv = List.of("ffmpeg", "-encryption_scheme", "cenc-aes-ctr", "-encryption_key",
                "00112233445566778899aabbccddeeff", "-encryption_kid", "ffeeddccbbaa99887766554433221100",
                "-decryption_key", "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f", "out.mpd");
        assertEquals(List.of("ffmpeg", "-encryption_scheme", "cenc-aes-ctr", "-encryption_key", "xxxxxx",
                "-encryption_kid", "ffeeddccbbaa99887766554433221100", "-decryption_key", "xxxxxx", "out.mpd"),
                Credentials.mask(argv));
    }

    /**
     * FFmpeg's dash muxer takes the CENC key inside one option value ({@code -format_options}, a {@code key=value}
     * list separated by colons): only the key's value is masked, so the logged line still shows the scheme and key id.
     */
    @Test
    void masksAContentKeyInsideAFormatOptionsValue() {
        String options = "encryption_scheme=cenc-aes-ctr:encryption_key=00112233445566778899AABBCCDDEEFF"
                + ":encryption_kid=ffeeddccbbaa99887766554433221100";
        assertEquals(List.of("ffmpeg", "-format_options", "encryption_scheme=cenc-aes-ctr:encryption_key=xxxxxx"
                + ":encryption_kid=ffeeddccbbaa99887766554433221100", "out.mpd"),
                Credentials.mask(List.of("ffmpeg", "-format_options", options, "out.mpd")));
        assertEquals("failed: decryption_key=xxxxxx,x=1", Credentials.mask("failed: decryption_key=0f0f0f0f,x=1"));
    }
}
