package io.etw4j.json;

import io.etw4j.decode.DecodedEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link JsonLinesWriter} with a {@linkplain JsonLinesWriter.Builder#decoder decoder} found while decoding the
 * records it wrote ({@link JsonLinesWriter#decodeCounts()}): the same counts a caller would keep from the
 * {@link DecodedEvent}s of {@code decoder.decode(record)}, which the writer does not always make (a payload of a flat
 * schema goes from its bytes to the line without one). Counts only the records the writer decoded itself, not the
 * {@code DecodedEvent}s given to {@link JsonLinesWriter#write(io.etw4j.core.EventRecord, DecodedEvent)}.
 *
 * <p>An immutable snapshot.
 *
 * @param decoded                records a schema decoded ({@link DecodedEvent#isDecoded()})
 * @param withoutSchema          records no schema knew
 * @param withFieldErrors        decoded records with at least one field error
 * @param withTrailingBytes      decoded records whose payload goes on after the schema's last field
 * @param withEarlierVersion     records decoded with an earlier version's schema
 * @param firstWithFieldErrors   the first decoded record that had field errors, if any
 */
public record DecodeCounts(long decoded, long withoutSchema, long withFieldErrors, long withTrailingBytes,
        long withEarlierVersion, Optional<DecodedEvent> firstWithFieldErrors) {
    /** Checks that {@code firstWithFieldErrors} is not null (empty when no record had field errors). */
    public DecodeCounts {
        Objects.requireNonNull(firstWithFieldErrors, "firstWithFieldErrors");
    }
}
