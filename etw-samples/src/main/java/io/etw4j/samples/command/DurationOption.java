package io.etw4j.samples.command;

import java.time.Duration;
import picocli.CommandLine.Option;
import reactor.core.publisher.Flux;

/** The {@code --duration SECONDS} option of the live commands. A picocli mixin; one instance per command line. */
final class DurationOption {
    @Option(names = "--duration", paramLabel = "SECONDS", description = "Live: stop after SECONDS.")
    long durationSeconds = -1;

    /** {@code flux}, cut after {@code --duration} if it was given. */
    <T> Flux<T> apply(Flux<T> flux) {
        return durationSeconds >= 0 ? flux.take(Duration.ofSeconds(durationSeconds)) : flux;
    }
}
