package io.etw4j.scm.internal.wpp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One message-table entry: how to read SCM WPP message {@code id} (under {@code messageGuid}, or any GUID when it is
 * empty), what it means, whether a source confirms it, and which.
 *
 * @param id          the WPP message number (0..65535)
 * @param messageGuid the message GUID the entry is pinned to, or empty for any
 * @param kind        what the message reports
 * @param fields      the payload layout, in payload order
 * @param confirmed   true if the cited source confirms the id and layout; an unconfirmed entry never gives a typed
 *                    event
 * @param source      where the entry comes from (a document, a capture), as written in the table
 * @param origin      the table and line it was read from ({@code name:line}), for messages
 */
public record MessageEntry(int id, Optional<UUID> messageGuid, MessageKind kind, List<FieldSpec> fields,
        boolean confirmed, String source, String origin) {
    public MessageEntry {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("message id out of range 0..0xffff: " + id);
        }
        Objects.requireNonNull(messageGuid, "messageGuid");
        Objects.requireNonNull(kind, "kind");
        fields = List.copyOf(fields);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(origin, "origin");
    }

    /** The entry's interpretation as written in a table: {@code CREATE_SERVICE: utf16z serviceName, ...}. */
    public String layout() {
        StringBuilder b = new StringBuilder(kind.name()).append(':');
        for (int i = 0; i < fields.size(); i++) {
            b.append(i == 0 ? " " : ", ").append(fields.get(i));
        }
        return b.toString();
    }

    /** The key the entry is stored under: id and GUID pin. */
    MessageKey key() {
        return new MessageKey(id, messageGuid);
    }

    /** An entry's identity in a table. */
    record MessageKey(int id, Optional<UUID> messageGuid) {
        @Override
        public String toString() {
            return String.format("0x%x", id) + messageGuid.map(g -> "@{" + g + "}").orElse("");
        }
    }
}
