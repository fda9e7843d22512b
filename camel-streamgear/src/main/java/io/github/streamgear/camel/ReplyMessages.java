package io.github.streamgear.camel;

import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.job.TranscodeResult;
import io.github.streamgear.engine.output.FileKind;
import io.github.streamgear.engine.output.OutputFile;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The producer's reply to a finished job; each file in it is a {@link FileMessages file message}. */
final class ReplyMessages {

    private ReplyMessages() {
    }

    /** The list of file messages as body, with the job id, folder and main manifest as headers. */
    static void reply(Exchange exchange, TranscodeResult result) {
        String jobId = result.jobId();
        List<Message> files = new ArrayList<>(result.files().size());
        for (OutputFile file : result.files()) {
            files.add(FileMessages.written(exchange.getContext(), jobId, file));
        }
        Message reply = exchange.getMessage();
        reply.setBody(files);
        reply.setHeader(StreamGearConstants.JOB_ID, jobId);
        reply.setHeader(StreamGearConstants.JOB_DIR, result.jobDir().toString());
        if (result.shortOutput()) {
            reply.setHeader(StreamGearConstants.SHORT_OUTPUT, true);
        }
        result.files().stream().filter(f -> f.kind() == FileKind.MANIFEST).map(OutputFile::name).findFirst()
                .ifPresent(m -> reply.setHeader(StreamGearConstants.MANIFEST, FileMessages.relativeName(jobId, m)));
    }
}
