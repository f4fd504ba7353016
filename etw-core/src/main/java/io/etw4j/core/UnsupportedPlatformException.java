package io.etw4j.core;

/**
 * Signalled when a live ETW operation (a session, a process lookup, a preflight) is used on an operating system other
 * than Windows. It is raised before any native library is loaded, so it replaces what would otherwise be a JNA
 * {@link UnsatisfiedLinkError}. Offline work (reading .etl files, decoding payloads) never raises it.
 */
public final class UnsupportedPlatformException extends EtwException {
    private static final long serialVersionUID = 1L;

    /** The value of {@code os.name} on this JVM. */
    private final String osName;

    /**
     * The exception for {@code operation} attempted on {@code osName}.
     *
     * @param operation what was attempted, named in the message
     * @param osName    the value of {@code os.name}
     */
    public UnsupportedPlatformException(String operation, String osName) {
        super(operation + " needs Windows; this JVM runs on '" + osName
                + "'. Offline work such as EtlFile and the decoders works on any OS.");
        this.osName = osName;
    }

    /** {@return the value of {@code os.name} on this JVM} */
    public String osName() {
        return osName;
    }

    /**
     * Throws this exception unless the JVM runs on Windows.
     *
     * @param operation what was attempted, named in the message
     */
    public static void requireWindows(String operation) {
        String os = System.getProperty("os.name", "unknown");
        if (!os.startsWith("Windows")) {
            throw new UnsupportedPlatformException(operation, os);
        }
    }
}
