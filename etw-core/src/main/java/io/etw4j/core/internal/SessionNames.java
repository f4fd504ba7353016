package io.etw4j.core.internal;

import java.util.Optional;

/**
 * The naming scheme that marks an ETW session as started by etw4j and records its owner:
 *
 * <pre>  etw4j-{name}~{pid}-{start}</pre>
 *
 * where {@code name} is the name given to {@code io.etw4j.core.session.EtwSession.builder(name)}, {@code pid} the
 * decimal process id of the JVM that started the session and {@code start} that process's start time in decimal
 * milliseconds since the epoch ({@link ProcessHandle.Info#startInstant()}), or {@code 0} if the OS did not report it.
 * ETW keeps nothing but the name for a real-time session, so the owner record has to live in the name; QueryAllTracesW
 * returns it for every running session.
 *
 * <p>A name without the prefix, or whose suffix after the last {@code '~'} is not {@code digits-digits}, is foreign:
 * etw4j never stops it on its own. Stateless and thread-safe.
 */
public final class SessionNames {
    /** The prefix of every session etw4j starts. */
    public static final String PREFIX = "etw4j-";
    /** The longest logical name accepted (ETW allows 1024 characters for the whole name; inferred margin). */
    public static final int MAX_LOGICAL_NAME = 200;

    private SessionNames() {
    }

    /** An etw4j session name decoded: logical name and owner. */
    public record Owned(String logicalName, long pid, long startMillis) {
    }

    /**
     * Checks a logical session name.
     *
     * @throws IllegalArgumentException if it is empty, longer than {@link #MAX_LOGICAL_NAME} or holds a control char
     */
    public static String checkLogicalName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("session name must not be empty");
        }
        if (name.length() > MAX_LOGICAL_NAME) {
            throw new IllegalArgumentException("session name longer than " + MAX_LOGICAL_NAME + " chars");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException("session name holds a control character at " + i);
            }
        }
        return name;
    }

    /** The ETW session name for {@code logicalName} owned by the process {@code pid} started at {@code startMillis}. */
    public static String format(String logicalName, long pid, long startMillis) {
        return PREFIX + logicalName + "~" + pid + "-" + startMillis;
    }

    /** Decodes an ETW session name; empty if it is not an etw4j name. */
    public static Optional<Owned> parse(String etwName) {
        if (etwName == null || !etwName.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int tilde = etwName.lastIndexOf('~');
        if (tilde <= PREFIX.length()) {
            return Optional.empty();
        }
        String suffix = etwName.substring(tilde + 1);
        int dash = suffix.indexOf('-');
        if (dash <= 0 || dash == suffix.length() - 1) {
            return Optional.empty();
        }
        String pid = suffix.substring(0, dash);
        String start = suffix.substring(dash + 1);
        if (!digits(pid) || !digits(start) || pid.length() > 10 || start.length() > 18) {
            return Optional.empty();
        }
        return Optional.of(new Owned(etwName.substring(PREFIX.length(), tilde), Long.parseLong(pid),
                Long.parseLong(start)));
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
