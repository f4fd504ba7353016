package io.etw4j.samples.command;

import picocli.CommandLine.Option;

/**
 * The {@code --hex-bytes N} option of every command that prints raw records: how many payload bytes the record
 * object's {@code payloadHex} shows. One default everywhere: {@value #DEFAULT}. A picocli mixin; one instance per
 * command line.
 */
final class HexBytesOption {
    /** The default of {@code --hex-bytes}. */
    static final int DEFAULT = 32;

    @Option(names = "--hex-bytes", paramLabel = "N", defaultValue = "" + DEFAULT,
            description = "Payload bytes of each raw record shown in payloadHex (0: none, -1: all). "
                    + "Default: ${DEFAULT-VALUE}.")
    int hexBytes = DEFAULT;
}
