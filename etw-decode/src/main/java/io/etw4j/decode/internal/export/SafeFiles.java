package io.etw4j.decode.internal.export;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * How a schema export writes its files: never through a symbolic link (a link where a folder or file goes is
 * refused), a file whose content is already the same is left untouched (its time stamps too), anything else is
 * written to a temporary file in the same folder and moved over the old one (atomically where the file system can),
 * so a reader sees the old file or the new one, never half of one. Stateless.
 */
public final class SafeFiles {
    /** What {@link #write} did. */
    public enum Outcome { WRITTEN, UNCHANGED }

    private SafeFiles() {
    }

    /** Creates {@code dir} (and its parents) if needed; refuses a symbolic link there. */
    public static Path folder(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symbolic link: refused");
        }
        Files.createDirectories(dir);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a folder");
        }
        return dir;
    }

    /** Writes {@code bytes} as {@code dir/name} (see the class comment). */
    public static Outcome write(Path dir, String name, byte[] bytes) throws IOException {
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IOException("not a plain file name: " + name);
        }
        Path target = dir.resolve(name);
        if (Files.isSymbolicLink(target)) {
            throw new IOException(target + " is a symbolic link: refused");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(target + " is not a regular file: refused");
            }
            if (Files.size(target) == bytes.length && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return Outcome.UNCHANGED;
            }
        }
        Path tmp = Files.createTempFile(dir, ".etw4j-", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return Outcome.WRITTEN;
    }
}
