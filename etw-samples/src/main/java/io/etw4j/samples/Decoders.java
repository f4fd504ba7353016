package io.etw4j.samples;

import io.etw4j.decode.EmbeddedEventInfoSchemas;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.KernelMofSchemas;
import io.etw4j.decode.TraceLoggingSchemas;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@link EventDecoder} the samples' {@code --decode} options use, with the schema sources in the order etw-decode
 * recommends: the event's own TraceLogging metadata, the event information embedded in the file, the manifests given,
 * EventSource manifests found in the trace, and the kernel MOF classes. Stateless.
 */
final class Decoders {
    private Decoders() {
    }

    /** A decoder for an .etl file or a session, with the manifests at {@code manifests} (files or folders). */
    static EventDecoder forFiles(List<Path> manifests) {
        EventDecoder.Builder b = EventDecoder.builder()
                .add(TraceLoggingSchemas.create())
                .add(new EmbeddedEventInfoSchemas());
        if (!manifests.isEmpty()) {
            throw new IllegalArgumentException("--manifest is not supported yet");
        }
        return b.add(KernelMofSchemas.shipped()).build();
    }
}
