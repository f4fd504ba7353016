package io.etw4j.decode.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * Receives the fields of one payload from {@link FlatPayload#emit}, in property order, each value as the field
 * {@link PayloadDecoder} would have put in the event's map but without the map or a box: the index of the property in
 * the schema's list, and its value. A writer (etw-json's decoded-object writer) implements it to write the values
 * where they go. Called on the caller's thread only, during {@code emit}.
 */
public interface FlatFieldSink {
    /**
     * An integer (what the map holds as a {@code Long}); {@code signed}: the in-type is signed (else a negative
     * {@code value} is an unsigned 64-bit value above {@code Long.MAX_VALUE}).
     */
    void integer(int index, long value, boolean signed) throws IOException;

    /** A BOOLEAN (a {@code Boolean}). */
    void bool(int index, boolean value) throws IOException;

    /** A GUID. */
    void guid(int index, UUID value) throws IOException;

    /** A FILETIME. */
    void time(int index, Instant value) throws IOException;

    /**
     * A string of printable ASCII only (U+0020-U+007E): {@code chars[0..length)}, valid during the call (the
     * {@code String} the map would hold has exactly these characters).
     */
    void ascii(int index, char[] chars, int length) throws IOException;

    /** A string with a character outside printable ASCII, decoded as {@link PayloadDecoder} decodes it. */
    void string(int index, String value) throws IOException;
}
