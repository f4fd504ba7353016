package io.etw4j.samples.command;

import java.io.PrintWriter;
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

    /**
     * True if every {@code --manifest} is a regular file or a folder that can be read ({@link InputFile}); else prints
     * why for the first that is not and returns false. Called before anything is read.
     */
    boolean manifestsReadable(String command, PrintWriter err) {
        for (Path m : manifests) {
            if (!InputFile.readable(command, "the manifest ", m, true, err)) {
                return false;
            }
        }
        return true;
    }
}
