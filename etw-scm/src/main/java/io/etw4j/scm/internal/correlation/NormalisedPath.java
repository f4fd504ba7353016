package io.etw4j.scm.internal.correlation;

import java.util.Objects;
import java.util.Optional;

/**
 * An image path reduced by {@link ImagePathNormaliser} to a comparable form: a volume and a lower-case,
 * backslash-separated path from that volume's root. Immutable.
 *
 * @param volume the volume: a drive ({@code "c:"}), a UNC share ({@code "\\server\share"}) or an NT device
 *               ({@code "\device\harddiskvolume3"}) that no mapping turned into a drive; empty when the path named no
 *               volume (an NT path such as {@code "\windows\x.sys"} with no recognised prefix)
 * @param path   the path from the volume root, starting with a backslash, lower case, with {@code .} and {@code ..}
 *               resolved lexically
 */
public record NormalisedPath(Optional<String> volume, String path) {
    public NormalisedPath {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(path, "path");
    }

    /** True when the volume is a drive letter or a UNC share, i.e. known the way a Win32 path names it. */
    public boolean hasWin32Volume() {
        return volume.isPresent() && !volume.get().startsWith("\\device\\");
    }

    /** The volume and path as one string, {@code "?"} standing for no volume. */
    public String key() {
        return volume.orElse("?") + path;
    }

    /** The last path segment (the file name), or the empty string for a volume root. */
    public String fileName() {
        int i = path.lastIndexOf('\\');
        return path.substring(i + 1);
    }

    /** The file name without its last extension ({@code "foo.sys"} gives {@code "foo"}). */
    public String fileStem() {
        String name = fileName();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public String toString() {
        return key();
    }
}
