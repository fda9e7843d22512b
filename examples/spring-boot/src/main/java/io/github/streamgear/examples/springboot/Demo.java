package io.github.streamgear.examples.springboot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * With {@code app.demo=true}: generates a 10 s 1280x720 sample video (FFmpeg's {@code testsrc2} pattern and a 440 Hz
 * tone) with the FFmpeg the component uses, sends it through {@code direct:transcode}, says where the streams are and
 * exits, with exit code 0 if the job succeeded and 1 otherwise.
 */
@Component
@ConditionalOnProperty(name = "app.demo", havingValue = "true")
class Demo implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    private final ProducerTemplate template;
    private final ConfigurableApplicationContext context;
    private final Path output;
    private final String ffmpegPath;

    Demo(ProducerTemplate template, ConfigurableApplicationContext context,
            @Value("${camel.component.streamgear.output-dir}") Path output,
            @Value("${camel.component.streamgear.ffmpeg-path:}") String ffmpegPath) {
        this.template = template;
        this.context = context;
        this.output = output;
        this.ffmpegPath = ffmpegPath;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Path sample = generateSample(output.resolve("sample.mp4"));
        Exchange exchange = template.request("direct:transcode", e -> e.getIn().setBody(sample.toFile()));
        int exitCode = 0;
        if (exchange.getException() != null) {
            LOG.error("The demo job failed", exchange.getException());
            exitCode = 1;
        } else {
            // the reply: one message per file written; the manifests are what a player opens
            Path job = output.resolve("sample").toAbsolutePath().normalize();
            for (Object reply : exchange.getMessage().getBody(List.class)) {
                Message file = (Message) reply;
                if ("manifest".equals(file.getHeader("CamelStreamGearFileKind"))) {
                    LOG.info("Manifest: {}", output.resolve(file.getHeader(Exchange.FILE_NAME, String.class))
                            .toAbsolutePath().normalize());
                }
            }
            LOG.info("Play it: cd {} && python3 -m http.server 8000, then ffplay http://127.0.0.1:8000/manifest.m3u8"
                    + " (or manifest.mpd)", job);
        }
        int code = exitCode;
        System.exit(SpringApplication.exit(context, () -> code));
    }

    private Path generateSample(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String ffmpeg = ffmpegPath.isBlank() ? "ffmpeg"
                : Files.isDirectory(Path.of(ffmpegPath)) ? Path.of(ffmpegPath, "ffmpeg").toString() : ffmpegPath;
        LOG.info("Generating a 10 s sample video {} with {}", file, ffmpeg);
        Process process = new ProcessBuilder(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=10",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=10",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                file.toString())).inheritIO().start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("FFmpeg could not generate the sample video " + file);
        }
        return file;
    }
}
