package io.etw4j.samples.command;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The one way the commands write a file of their own (the table and the report of {@code scm-calibrate}), safe for a
 * command that runs elevated in a folder others can write (the current directory, with default file names):
 * <ol>
 *   <li>{@link #plan}, before anything is written: the folder is resolved to its real path; the file must not be a
 *       symbolic link (never, not even with {@code --force}: nothing is written through a link), must not exist unless
 *       {@code force}, and if it exists must be a regular file; {@link #distinct} refuses two outputs naming the same
 *       file (same real folder and name).</li>
 *   <li>{@link #write}: the bytes go to a new temporary file in the same folder (created new, {@code CREATE_NEW}, so
 *       never through a planted link), forced to disk, then moved into place in one step: without {@code force} as a
 *       hard link that fails if the name exists meanwhile (then the temporary file is removed), with {@code force} by
 *       an atomic rename ({@code ATOMIC_MOVE}, {@code REPLACE_EXISTING}) that replaces the name, a link included,
 *       never the link's target. Where the file system has no hard links, an atomic move after a last check that the
 *       name is still free.</li>
 * </ol>
 * Immutable; {@link #write} may be called once per planned file.
 */
final class OutputFile {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path given;
    private final Path folder;
    private final Path target;
    private final boolean force;

    private OutputFile(Path given, Path folder, Path target, boolean force) {
        this.given = given;
        this.folder = folder;
        this.target = target;
        this.force = force;
    }

    /** Why an output cannot be written; the message names the file and says why. */
    static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /**
     * Checks that {@code file} may be written, without writing anything.
     *
     * @param file  the output as given (relative to the current directory or absolute)
     * @param force whether an existing regular file may be replaced ({@code --force})
     * @return the planned output, naming the real folder
     * @throws RefusedException if the folder does not exist, the file is a symbolic link, exists (without force) or
     *                          exists and is not a regular file
     */
    static OutputFile plan(Path file, boolean force) throws RefusedException {
        // Not normalized: "a/../b" must resolve "a" as the file system does (it may be a link), so toRealPath does it.
        Path absolute = file.toAbsolutePath();
        Path name = absolute.getFileName();
        if (name == null || name.toString().equals(".") || name.toString().equals("..")) {
            throw new RefusedException(Failures.safe(file) + " names no file");
        }
        Path folder;
        try {
            folder = absolute.getParent().toRealPath();
        } catch (IOException e) {
            throw new RefusedException("the folder of " + Failures.safe(file) + " cannot be used: "
                    + InputFile.reason(e));
        }
        if (!Files.isDirectory(folder)) {
            throw new RefusedException("the folder of " + Failures.safe(file) + " is not a directory");
        }
        Path target = folder.resolve(name.toString());
        Optional<BasicFileAttributes> existing = attributes(target);
        if (existing.isPresent()) {
            BasicFileAttributes a = existing.get();
            if (a.isSymbolicLink()) {
                throw new RefusedException(Failures.safe(target) + " is a symbolic link: refused (outputs are never "
                        + "written through a link; remove it or name another file)");
            }
            if (!a.isRegularFile()) {
                throw new RefusedException(Failures.safe(target) + " exists and is not a regular file");
            }
            if (!force) {
                throw new RefusedException(Failures.safe(target) + " exists: refused (--force replaces it)");
            }
        }
        return new OutputFile(file, folder, target, force);
    }

    /**
     * Refuses two outputs that name the same file (compared as real folder and name, and, where both exist, as the
     * same file).
     *
     * @throws RefusedException naming the two options' file
     */
    static void distinct(List<OutputFile> outputs) throws RefusedException {
        for (int i = 0; i < outputs.size(); i++) {
            for (int j = i + 1; j < outputs.size(); j++) {
                Path a = outputs.get(i).target;
                Path b = outputs.get(j).target;
                if (a.equals(b) || sameExistingFile(a, b)) {
                    throw new RefusedException(Failures.safe(outputs.get(i).given) + " and "
                            + Failures.safe(outputs.get(j).given) + " name the same file " + Failures.safe(a)
                            + ": each output needs its own");
                }
            }
        }
    }

    /** {@return the file that will be written: the real folder and the name} */
    Path target() {
        return target;
    }

    /**
     * Writes {@code content} as the file: a new temporary file in the same folder, then moved into place in one step
     * (see the class comment).
     *
     * @throws RefusedException if the file appeared meanwhile (without force) or became a link
     * @throws IOException      if the folder cannot be written
     */
    void write(byte[] content) throws IOException {
        Path temp = folder.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            if (force) {
                if (Files.isSymbolicLink(target)) {
                    throw new RefusedException(Failures.safe(target) + " became a symbolic link: refused");
                }
                // rename(2) / MoveFileEx replace the name itself: a link planted meanwhile is replaced, not followed.
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                placeNew(temp);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Gives the temporary file the target name if, and only if, the name is free at that instant. */
    private void placeNew(Path temp) throws IOException {
        try {
            Files.createLink(target, temp); // link(2) / CreateHardLinkW: fails if the name exists, follows nothing
            return;
        } catch (FileAlreadyExistsException e) {
            throw new RefusedException(Failures.safe(target) + " appeared while it was written: refused (--force "
                    + "replaces it)");
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            // A file system without hard links (FAT, some network shares): check, then move.
        }
        if (attributes(target).isPresent()) {
            throw new RefusedException(Failures.safe(target) + " appeared while it was written: refused (--force "
                    + "replaces it)");
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Optional<BasicFileAttributes> attributes(Path p) {
        try {
            return Optional.of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean sameExistingFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }
}
