package io.etw4j.scm.internal.correlation;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reduces the spellings of a driver's image path to one comparable form, so that a kernel image load can be joined to
 * the service whose ImagePath it is. Thread-safe; immutable apart from a bounded memo of the forms worked out.
 *
 * <p>Exactly these forms are recognised (case-insensitively; {@code /} is read as {@code \}):
 * <ol>
 *   <li>Surrounding double quotes are removed (for a quoted path followed by arguments, the quoted part is kept).</li>
 *   <li>{@code \SystemRoot\...}, {@code %SystemRoot%\...} and {@code %windir%\...} become the configured system root
 *       (default {@code C:\Windows}; the normaliser cannot read the real value offline) followed by the rest.</li>
 *   <li>The NT and Win32 namespace prefixes {@code \??\}, {@code \\?\}, {@code \\.\}, {@code \DosDevices\} and
 *       {@code \GLOBAL??\} are removed; {@code UNC\server\share} after them becomes {@code \\server\share}.</li>
 *   <li>{@code X:\...} is a drive path; {@code \\server\share\...} a UNC path; {@code \Device\Name\...} an NT device
 *       path, turned into a drive when the configured device map names one (e.g. {@code \Device\HarddiskVolume3} to
 *       {@code C:}), otherwise kept as a device volume.</li>
 *   <li>A path with no leading backslash and no drive ({@code system32\drivers\x.sys}) is relative to the system root,
 *       as the I/O manager treats a driver's relative ImagePath (inferred from the documented default location
 *       %SystemRoot%\System32\drivers and common practice; not verified on a Windows host).</li>
 *   <li>Any other path starting with a single backslash is an NT path on no known volume.</li>
 *   <li>Empty and {@code .} segments are dropped and {@code ..} removes the previous segment (lexically, never above
 *       the root); the result is lower-cased with {@link Locale#ROOT} (Windows compares with its own upper-case
 *       table; the two agree for the characters paths normally use: inferred).</li>
 * </ol>
 * Limits: 8.3 short names ({@code PROGRA~1}) cannot be expanded offline and are compared literally, so a service
 * registered with a short name does not match a load reported with the long name; symbolic links, junctions, mount
 * points and volume GUID paths ({@code \\?\Volume{...}\}) are not resolved.
 *
 * <p>A trace names the same few paths again and again (a driver loaded at each boot, a service created and started),
 * so the forms worked out are kept by raw path, at most {@value #MEMO_SIZE} of them of at most
 * {@value #MEMO_MAX_CHARS} characters (the memo is emptied when full);
 * a form depends only on the raw path and the configuration, so a remembered one is the one worked out again.
 */
public final class ImagePathNormaliser {
    private static final String[] NAMESPACE_PREFIXES = {"\\??\\", "\\\\?\\", "\\\\.\\", "\\dosdevices\\",
        "\\global??\\"};

    /** The most raw paths whose forms are remembered. */
    static final int MEMO_SIZE = 1024;
    /** The longest raw path remembered (longer ones, rare and possibly hostile, are worked out each time). */
    static final int MEMO_MAX_CHARS = 1024;

    private final String systemRoot;
    private final Map<String, String> deviceToDrive;
    private final ConcurrentHashMap<String, Optional<NormalisedPath>> memo = new ConcurrentHashMap<>();

    /**
     * @param systemRoot    the Windows directory, e.g. {@code C:\Windows}
     * @param deviceToDrive NT device names to drive letters, e.g. {@code \Device\HarddiskVolume3 -> C:} (any case)
     */
    public ImagePathNormaliser(String systemRoot, Map<String, String> deviceToDrive) {
        String root = systemRoot.replace('/', '\\').toLowerCase(Locale.ROOT);
        while (root.endsWith("\\")) {
            root = root.substring(0, root.length() - 1);
        }
        if (!root.matches("[a-z]:\\\\.*")) {
            throw new IllegalArgumentException("system root must be a drive path such as C:\\Windows: " + systemRoot);
        }
        this.systemRoot = root;
        Map<String, String> map = new HashMap<>();
        deviceToDrive.forEach((device, drive) -> {
            String d = drive.toLowerCase(Locale.ROOT);
            if (!d.matches("[a-z]:\\\\?")) {
                throw new IllegalArgumentException("drive must look like C: : " + drive);
            }
            map.put(trimSlash(device.replace('/', '\\').toLowerCase(Locale.ROOT)), d.substring(0, 2));
        });
        this.deviceToDrive = Map.copyOf(map);
    }

    /** A normaliser with system root {@code C:\Windows} and no device map. */
    public static ImagePathNormaliser defaults() {
        return new ImagePathNormaliser("C:\\Windows", Map.of());
    }

    /** The normalised form of {@code raw}; empty for a blank path. */
    public Optional<NormalisedPath> normalise(String raw) {
        Optional<NormalisedPath> known = memo.get(raw);
        if (known != null) {
            return known;
        }
        Optional<NormalisedPath> form = formOf(raw);
        if (raw.length() > MEMO_MAX_CHARS) {
            return form;
        }
        if (memo.size() >= MEMO_SIZE) {
            memo.clear();
        }
        memo.put(raw, form);
        return form;
    }

    private Optional<NormalisedPath> formOf(String raw) {
        String s = raw.strip();
        if (s.startsWith("\"")) {
            int end = s.indexOf('"', 1);
            s = end > 0 ? s.substring(1, end) : s.substring(1);
        }
        s = s.replace('/', '\\').toLowerCase(Locale.ROOT).strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        s = expandSystemRoot(s);
        for (String prefix : NAMESPACE_PREFIXES) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
                if (s.startsWith("unc\\")) {
                    s = "\\\\" + s.substring(4);
                }
                break;
            }
        }
        s = expandSystemRoot(s);
        if (s.length() >= 2 && s.charAt(1) == ':' && s.charAt(0) >= 'a' && s.charAt(0) <= 'z') {
            return Optional.of(new NormalisedPath(Optional.of(s.substring(0, 2)), clean(s.substring(2))));
        }
        if (s.startsWith("\\\\")) {
            String[] parts = s.substring(2).split("\\\\", 3);
            if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                return Optional.of(new NormalisedPath(Optional.empty(), clean(s)));
            }
            String rest = parts.length == 3 ? parts[2] : "";
            return Optional.of(new NormalisedPath(Optional.of("\\\\" + parts[0] + "\\" + parts[1]), clean(rest)));
        }
        if (s.startsWith("\\device\\")) {
            int end = s.indexOf('\\', "\\device\\".length());
            String device = end < 0 ? s : s.substring(0, end);
            String rest = end < 0 ? "" : s.substring(end);
            String drive = deviceToDrive.get(device);
            return Optional.of(new NormalisedPath(Optional.of(drive != null ? drive : device), clean(rest)));
        }
        if (s.startsWith("\\")) {
            return Optional.of(new NormalisedPath(Optional.empty(), clean(s)));
        }
        String rooted = systemRoot + "\\" + s;
        return Optional.of(new NormalisedPath(Optional.of(rooted.substring(0, 2)), clean(rooted.substring(2))));
    }

    private String expandSystemRoot(String s) {
        for (int i = 0; i < SYSTEM_ROOT_ALIASES.length; i++) {
            String alias = SYSTEM_ROOT_ALIASES[i];
            if (s.equals(alias) || s.startsWith(SYSTEM_ROOT_PREFIXES[i])) {
                return systemRoot + s.substring(alias.length());
            }
        }
        return s;
    }

    /** The names of the system root a path may start with (lower case, as paths are compared). */
    private static final String[] SYSTEM_ROOT_ALIASES = {"\\systemroot", "%systemroot%", "%windir%"};
    /** Each alias followed by a backslash. */
    private static final String[] SYSTEM_ROOT_PREFIXES = {"\\systemroot\\", "%systemroot%\\", "%windir%\\"};

    /**
     * {@code path}'s segments between backslashes, with empty and {@code .} segments dropped and each {@code ..}
     * removing the segment before it (never above the root), joined after a leading backslash. One pass over the
     * characters: no split, no list of segments.
     */
    static String clean(String path) {
        StringBuilder out = new StringBuilder(path.length() + 1);
        int n = path.length();
        int i = 0;
        while (i < n) {
            int end = path.indexOf('\\', i);
            if (end < 0) {
                end = n;
            }
            int len = end - i;
            if (len == 0 || (len == 1 && path.charAt(i) == '.')) {
                // dropped
            } else if (len == 2 && path.charAt(i) == '.' && path.charAt(i + 1) == '.') {
                int last = out.lastIndexOf("\\");
                if (last >= 0) {
                    out.setLength(last);
                }
            } else {
                out.append('\\').append(path, i, end);
            }
            i = end + 1;
        }
        return out.length() == 0 ? "\\" : out.toString();
    }

    private static String trimSlash(String s) {
        return s.endsWith("\\") ? s.substring(0, s.length() - 1) : s;
    }
}
