package io.github.streamgear.camel;

import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.TranscodeResult;
import io.github.streamgear.engine.output.FileKind;
import io.github.streamgear.engine.output.OutputFile;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;

/**
 * Where a produced file becomes a Camel message: the body is the {@link java.io.File} (never its bytes), the headers
 * say where it goes ({@code CamelFileName} relative to outputDir) and what it is, so that
 * {@code .split(body()).to("file:public")} or {@code .to("aws2-s3:...")} needs no glue.
 */
final class ReplyMessages {

    static final String WRITE = "write";

    private ReplyMessages() {
    }

    /** The reply of a finished job: the list of file messages, with the job id, folder and main manifest as headers. */
    static void reply(Exchange exchange, TranscodeResult result) {
        Message reply = exchange.getMessage();
        reply.setBody(of(exchange.getContext(), result));
        reply.setHeader(StreamGearConstants.JOB_ID, result.jobId());
        reply.setHeader(StreamGearConstants.JOB_DIR, result.jobDir().toString());
        if (result.shortOutput()) {
            reply.setHeader(StreamGearConstants.SHORT_OUTPUT, true);
        }
        result.files().stream().filter(f -> f.kind() == FileKind.MANIFEST).map(OutputFile::name).findFirst()
                .ifPresent(m -> reply.setHeader(StreamGearConstants.MANIFEST, relativeName(result.jobId(), m)));
    }

    static List<Message> of(CamelContext context, TranscodeResult result) {
        List<Message> messages = new ArrayList<>(result.files().size());
        for (OutputFile file : result.files()) {
            messages.add(of(context, result.jobId(), file));
        }
        return messages;
    }

    static Message of(CamelContext context, String jobId, OutputFile file) {
        Message message = new DefaultMessage(context);
        message.setBody(file.path().toFile());
        message.setHeader(StreamGearConstants.FILE_NAME, relativeName(jobId, file.name()));
        message.setHeader(StreamGearConstants.FILE_LENGTH, file.size());
        message.setHeader(StreamGearConstants.CONTENT_TYPE, file.contentType());
        message.setHeader(StreamGearConstants.FILE_KIND, file.kind().headerValue());
        message.setHeader(StreamGearConstants.JOB_ID, jobId);
        message.setHeader(StreamGearConstants.OPERATION, WRITE);
        if (file.rendition() != null) {
            message.setHeader(StreamGearConstants.RENDITION, file.rendition());
        }
        if (file.kind() == FileKind.SEGMENT) {
            message.setHeader(StreamGearConstants.SEQUENCE, file.sequence());
        }
        return message;
    }

    static String relativeName(String jobId, String name) {
        return jobId + "/" + name;
    }
}
