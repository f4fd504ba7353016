package io.etw4j.samples.command;

import io.etw4j.core.etl.EtlErrorKind;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlFormatException;
import io.etw4j.core.etl.EtlIoException;
import io.etw4j.core.etl.EtlReadOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens the .etl file a command was given and, when it cannot, says why in one line on stderr:
 * {@code <command>: cannot read FILE: <reason>}, the reason being the file system's ({@code not found},
 * {@code is a directory}, {@code permission denied}, ...) or, when the file opens but its first buffer is not that of
 * an .etl file (a PNG, a text file, an empty file), {@code not an .etl file} followed by the reader's detail in
 * parentheses. Stateless.
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
            err.println(command + ": cannot read " + file + ": " + unreadable.get());
            err.flush();
            return null;
        }
        try {
            return EtlFile.open(file, options);
        } catch (EtlIoException e) {
            err.println(command + ": cannot read " + file + ": " + reason(e.ioCause()));
            err.flush();
            return null;
        } catch (EtlFormatException e) {
            err.println(command + ": cannot read " + file + ": " + reason(e, size(file)));
            err.flush();
            return null;
        }
    }

    /**
     * Why {@code file} cannot be opened for reading, in a few words, or empty if it can: {@code not found},
     * {@code is a directory}, {@code not a regular file}, {@code permission denied}, or the file system's reason.
     */
    static Optional<String> unreadable(Path file) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return Optional.of(reason(e));
        }
        if (a.isDirectory()) {
            return Optional.of("is a directory");
        }
        if (!a.isRegularFile()) {
            return Optional.of("not a regular file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(reason(e));
        }
    }

    /** The reason an I/O operation on a file failed, in a few words. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "not found";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
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
        return notEtl ? "not an .etl file (" + message + ")" : message;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
