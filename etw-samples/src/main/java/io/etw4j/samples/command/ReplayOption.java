package io.etw4j.samples.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --replay FILE} option of the commands that trace live by default and can read a recorded .etl file
 * instead. A picocli mixin; one instance per command line.
 */
final class ReplayOption {
    @Option(names = "--replay", paramLabel = "FILE",
            description = "Read FILE (.etl) instead of tracing live (any OS).")
    Path replay;
}
