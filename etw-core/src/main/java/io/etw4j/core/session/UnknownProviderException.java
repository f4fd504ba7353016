package io.etw4j.core.session;

import io.etw4j.core.EtwException;
import java.util.List;
import java.util.Objects;

/**
 * No provider of the given name is known to the {@link ProviderNames} asked (see
 * {@link Provider#named(String, ProviderNames)}). The message names the source searched and lists a few known names
 * close to the one asked ({@link #closeMatches()}), e.g. {@code no ETW provider named 'Microsoft-Windows-Kernel-Proces'
 * in TdhEnumerateProviders (1187 providers registered on this host); close matches: Microsoft-Windows-Kernel-Process}.
 * Immutable.
 */
public final class UnknownProviderException extends EtwException {
    private static final long serialVersionUID = 1L;
    /** Longest part of the asked name quoted in the message. */
    private static final int MAX_QUOTED = 200;

    /** The name asked. */
    private final String name;
    /** Known names close to it, best first. */
    private final List<String> closeMatches;

    /**
     * The exception for {@code name}, not known to {@code searched}.
     *
     * @param name         the name asked
     * @param closeMatches known names close to it, best first (may be empty)
     * @param searched     what was searched, for the message (e.g. the source's {@code toString()})
     */
    public UnknownProviderException(String name, List<String> closeMatches, String searched) {
        super(message(Objects.requireNonNull(name, "name"), List.copyOf(closeMatches), searched));
        this.name = name;
        this.closeMatches = List.copyOf(closeMatches);
    }

    private static String message(String name, List<String> matches, String searched) {
        String quoted = name.length() <= MAX_QUOTED ? name : name.substring(0, MAX_QUOTED) + "...";
        return "no ETW provider named '" + quoted + "' in " + searched
                + (matches.isEmpty() ? "; no close match" : "; close matches: " + String.join(", ", matches));
    }

    /** {@return the name that was asked} */
    public String name() {
        return name;
    }

    /** {@return known provider names close to {@link #name()}, best first; empty if none is close} */
    public List<String> closeMatches() {
        return closeMatches;
    }
}
