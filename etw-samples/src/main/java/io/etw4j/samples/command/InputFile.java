package io.etw4j.samples.command;

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
 * The one check every input of every command passes before anything of it is read (the .etl file of
 * {@code etl-dump} and of each {@code --replay}, {@code --manifest}, {@code --message-table}, {@code --timeline}): it
 * must exist, be readable and be a regular file (a symbolic link to one is fine), or, where the option takes one, a
 * folder. A device ({@code /dev/zero}, which never ends), a FIFO (which blocks until a writer comes), a socket, or a
 * folder where a file is expected is refused with a reason in a few words, without opening it: the type comes from
 * the file's attributes. Stateless.
 *
 * <p>The check and the read are two steps: a file replaced in between by someone who can write its folder is not
 * caught (the reader then meets it as it is).
 */
final class InputFile {
    private InputFile() {
    }

    /**
     * Why {@code file} cannot be read as an input, in a few words, or empty if it can: {@code not found},
     * {@code is a directory} (unless {@code folderAllowed}), {@code not a regular file (a device, a FIFO or a
     * socket)}, {@code permission denied}, or the file system's reason.
     *
     * @param file          the input as given
     * @param folderAllowed whether the option also takes a folder (as {@code --manifest} does)
     */
    static Optional<String> refusal(Path file, boolean folderAllowed) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return Optional.of(reason(e));
        }
        if (a.isDirectory()) {
            return folderAllowed ? Optional.empty() : Optional.of("is a directory");
        }
        if (!a.isRegularFile()) {
            return Optional.of("not a regular file (a device, a FIFO or a socket)");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(reason(e));
        }
    }

    /**
     * True if {@code file} can be read ({@link #refusal}); else prints
     * {@code <command>: cannot read <what> FILE: <reason>} (escaped) to {@code err} and returns false.
     *
     * @param what the input's role followed by a space ({@code "the manifest "}), or empty for the command's file
     */
    static boolean readable(String command, String what, Path file, boolean folderAllowed, PrintWriter err) {
        Optional<String> refused = refusal(file, folderAllowed);
        if (refused.isEmpty()) {
            return true;
        }
        err.println(command + ": cannot read " + what + Failures.safe(file) + ": " + refused.get());
        err.flush();
        return false;
    }

    /** The reason an I/O operation on a file failed, in a few words (escaped: it may quote the file's name). */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "not found";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return Failures.safe(f.getReason().toLowerCase(Locale.ROOT));
        }
        return Failures.safe(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }
}
