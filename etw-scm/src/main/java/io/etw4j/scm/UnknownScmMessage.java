package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An SCM record that was not decoded into a typed event: its message id is not in the message table, its layout is
 * unconfirmed, or its payload did not have the expected shape. Nothing is dropped: the raw payload is kept, with the
 * UTF-16 strings and plausible process ids found in it to help discover the layout (see the {@code provider-dump}
 * sample).
 *
 * <p>The {@code plausiblePids} are guesses (aligned uint32 values that are non-zero multiples of 4 below 2^26), never
 * facts; {@link #client()} is therefore always unknown here.
 *
 * @param timestamp     when the record was logged
 * @param client        always {@link ClientProcess#unknown()}: an undecoded record names no client
 * @param messageId     the WPP message number (event id)
 * @param messageGuid   the WPP message GUID (the record's provider id)
 * @param reason        why it was not decoded (e.g. "message 0x2a not in the message table", or the decode error)
 * @param payload       the raw payload
 * @param strings       UTF-16LE strings found in the payload, in order
 * @param plausiblePids uint32 values that could be process ids, in payload order
 * @param source        the record itself
 */
public record UnknownScmMessage(Instant timestamp, ClientProcess client, int messageId, UUID messageGuid,
        String reason, byte[] payload, List<String> strings, List<Long> plausiblePids, EventRecord source)
        implements ScmEvent {
    /**
     * Creates the record (the canonical constructor).
     *
     * @param timestamp when the record was logged
     * @param client always {@link ClientProcess#unknown()}: an undecoded record names no client
     * @param messageId the WPP message number (event id)
     * @param messageGuid the WPP message GUID (the record's provider id)
     * @param reason why it was not decoded (e.g. "message 0x2a not in the message table", or the decode error)
     * @param payload the raw payload
     * @param strings UTF-16LE strings found in the payload, in order
     * @param plausiblePids uint32 values that could be process ids, in payload order
     * @param source the record itself
     */
    public UnknownScmMessage {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(messageGuid, "messageGuid");
        Objects.requireNonNull(reason, "reason");
        payload = payload.clone();
        strings = List.copyOf(strings);
        plausiblePids = List.copyOf(plausiblePids);
        Objects.requireNonNull(source, "source");
    }

    /** Always {@link Evidence#NONE}: nothing was decoded. */
    @Override
    public Evidence evidence() {
        return Evidence.NONE;
    }

    /** {@return a copy of the raw payload} */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownScmMessage u && u.source.equals(source) && u.reason.equals(reason);
    }

    @Override
    public int hashCode() {
        return source.hashCode() * 31 + reason.hashCode();
    }

    /** {@return false: no second trace confirms this kind of event (see {@link ScmEvent#corroborated()})} */
    @Override
    public boolean corroborated() {
        return false;
    }

    /** {@return empty: this event names no service (see {@link ScmEvent#service()})} */
    @Override
    public Optional<String> service() {
        return Optional.empty();
    }
}
