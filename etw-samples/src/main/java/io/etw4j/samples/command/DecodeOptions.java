package io.etw4j.samples.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --decode}, {@code --manifest} and {@code --schemas} options of the commands that can add a {@code "decoded"} object to each
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

    @Option(names = "--schemas", paramLabel = "DIR",
            description = "For --decode (and for the --provider names, where the subcommand has that option): a "
                    + "folder written by schema-export (one folder per Windows build, or one build folder; "
                    + "repeatable). The build of the trace is preferred, else the newest; a provider's manifest is "
                    + "read on its first record.")
    List<Path> schemas = new ArrayList<>();

    /** {@return the schema option given first: "--manifest", else "--schemas"} */
    String givenSchemaOption() {
        return manifests.isEmpty() ? "--schemas" : "--manifest";
    }

    /** True if any schema option (--manifest, --schemas) was given. */
    boolean anySchemas() {
        return !manifests.isEmpty() || !schemas.isEmpty();
    }

    /**
     * True if every {@code --manifest} is a regular file or a folder that can be read and every {@code --schemas} a
     * folder ({@link InputFile}); else prints
     * why for the first that is not and returns false. Called before anything is read.
     */
    boolean manifestsReadable(String command, PrintWriter err) {
        for (Path m : manifests) {
            if (!InputFile.readable(command, "the manifest ", m, true, err)) {
                return false;
            }
        }
        for (Path m : schemas) {
            if (!InputFile.readable(command, "the schema folder ", m, true, err)) {
                return false;
            }
        }
        return true;
    }
}
