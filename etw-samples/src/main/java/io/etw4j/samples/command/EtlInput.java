package io.etw4j.samples.command;

import io.etw4j.core.etl.EtlErrorKind;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlFormatException;
import io.etw4j.core.etl.EtlIoException;
import io.etw4j.core.etl.EtlReadOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the .etl file a command was given and, when it cannot, says why in one line on stderr:
 * {@code <command>: cannot read FILE: <reason>}, the reason being the file system's ({@code not found},
 * {@code is a directory}, {@code permission denied}, ...) or, when the file opens but its first buffer is not that of
 * an .etl file (a PNG, a text file, an empty file), {@code not an .etl file} followed by the reader's detail in
 * parentheses. The file passes {@link InputFile}'s check (a regular file) before the reader opens it; the file name
 * and the reasons are escaped for the terminal. Stateless.
 */
final class EtlInput {
    /** sizeof(WMI_BUFFER_HEADER) (0x48, ntwmi.h): a shorter file holds no buffer. */
    static final int BUFFER_HEADER_SIZE = 0x48;

    private EtlInput() {
    }

    /**
     * Opens {@code file}, or prints {@code <command>: cannot read FILE: <reason>} to {@code err} and returns null.
     */
    static EtlFile open(String command, Path file, EtlReadOptions options, PrintWriter err) {
        Optional<String> unreadable = unreadable(file);
        if (unreadable.isPresent()) {
            err.println(command + ": cannot read " + Failures.safe(file) + ": " + unreadable.get());
            err.flush();
            return null;
        }
        try {
            return EtlFile.open(file, options);
        } catch (EtlIoException e) {
            err.println(command + ": cannot read " + Failures.safe(file) + ": " + reason(e.ioCause()));
            err.flush();
            return null;
        } catch (EtlFormatException e) {
            err.println(command + ": cannot read " + Failures.safe(file) + ": " + reason(e, size(file)));
            err.flush();
            return null;
        }
    }

    /** Why {@code file} cannot be opened as an .etl file ({@link InputFile#refusal}: a regular file), or empty. */
    static Optional<String> unreadable(Path file) {
        return InputFile.refusal(file, false);
    }

    /** The reason an I/O operation on a file failed, in a few words ({@link InputFile#reason}). */
    static String reason(IOException e) {
        return InputFile.reason(e);
    }

    /**
     * The reason {@link EtlFile#open} refused a file of {@code size} bytes: {@code not an .etl file (<detail>)} when
     * its first buffer cannot be an .etl file's (a buffer header whose sizes cannot be true, no logfile header as the
     * first record, fewer bytes than one buffer header), the I/O reason for an I/O error, else the reader's message.
     */
    static String reason(EtlFormatException e, long size) {
        if (e.kind() == EtlErrorKind.IO_ERROR && e.getCause() instanceof IOException io) {
            return reason(io);
        }
        String message = e.getMessage();
        if (e.file().isPresent() && message.startsWith(e.file().get() + ": ")) {
            message = message.substring(e.file().get().length() + 2); // the caller's line names the file already
        }
        boolean notEtl = e.kind() == EtlErrorKind.BAD_BUFFER_HEADER || e.kind() == EtlErrorKind.BAD_LOGFILE_HEADER
                || (e.kind() == EtlErrorKind.TRUNCATED_FILE && size < BUFFER_HEADER_SIZE);
        return Failures.safe(notEtl ? "not an .etl file (" + message + ")" : message);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
