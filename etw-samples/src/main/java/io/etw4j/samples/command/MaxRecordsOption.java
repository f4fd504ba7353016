package io.etw4j.samples.command;

import picocli.CommandLine.Option;
import reactor.core.publisher.Flux;

/** The {@code --max-records N} option of the record dumps. A picocli mixin; one instance per command line. */
final class MaxRecordsOption {
    @Option(names = "--max-records", paramLabel = "N", description = "Stop after N records.")
    long maxRecords = -1;

    /** {@code flux}, cut after {@code --max-records} records if it was given. */
    <T> Flux<T> apply(Flux<T> flux) {
        return maxRecords >= 0 ? flux.take(maxRecords) : flux;
    }
}
