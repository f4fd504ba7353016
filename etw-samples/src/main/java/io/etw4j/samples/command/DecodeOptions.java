package io.etw4j.samples.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --decode} and {@code --manifest} options of the commands that can add a {@code "decoded"} object to each
 * line ({@link Decoders} builds the decoder). A picocli mixin; one instance per command line.
 */
final class DecodeOptions {
    @Option(names = "--decode", description = "Add a \"decoded\" object to each line: named, typed fields from the "
            + "event's TraceLogging metadata, the event information embedded in the file, the --manifest files, "
            + "EventSource manifests in the trace and the kernel MOF classes; live, TDH on this host is asked last "
            + "(null when no schema is known).")
    boolean decode;

    @Option(names = "--manifest", paramLabel = "FILE_OR_DIR",
            description = "For --decode (and for the --provider names, where the subcommand has that option): an "
                    + "instrumentation manifest (.man / .manifest.xml) or a folder of them (repeatable).")
    List<Path> manifests = new ArrayList<>();
}
