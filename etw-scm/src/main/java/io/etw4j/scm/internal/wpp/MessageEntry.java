package io.etw4j.scm.internal.wpp;

import io.etw4j.scm.Evidence;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One message-table entry: one way to read SCM WPP message {@code id} (under {@code messageGuid}, or any GUID when it
 * is empty), what it means, how well that is established, and by which source. A table may hold several entries for
 * one number (layouts of different Windows builds, or different source files that reuse the number); a record is
 * decoded only when exactly one of them fits.
 *
 * @param id          the WPP message number (0..65535)
 * @param messageGuid the message GUID the entry is pinned to, or empty for any
 * @param file        the services.exe source file that logs it (the hash of its {@code WPP_<hash>_Traceguids}
 *                    symbol), when known; never together with a GUID pin
 * @param kind        what the message reports
 * @param fields      the payload layout, in payload order
 * @param evidence    what establishes the entry; {@link Evidence#NONE} for an entry marked unconfirmed, which never
 *                    gives a typed event
 * @param identifiesFile true if no other source file logs this layout under this number, so that a record that fits
 *                    it (and no other candidate) tells which file its message GUID belongs to
 * @param source      where the entry comes from (a document, a capture), as written in the table
 * @param origin      the table and line it was read from ({@code name:line}), for messages
 */
public record MessageEntry(int id, Optional<UUID> messageGuid, Optional<String> file, MessageKind kind,
        List<FieldSpec> fields, Evidence evidence, boolean identifiesFile, String source, String origin) {
    public MessageEntry {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("message id out of range 0..0xffff: " + id);
        }
        Objects.requireNonNull(messageGuid, "messageGuid");
        Objects.requireNonNull(file, "file");
        if (messageGuid.isPresent() && file.isPresent()) {
            throw new IllegalArgumentException("an entry is pinned to a GUID or tagged with a file, not both");
        }
        Objects.requireNonNull(kind, "kind");
        fields = List.copyOf(fields);
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(origin, "origin");
    }

    /** True unless the entry is marked unconfirmed. */
    public boolean confirmed() {
        return evidence != Evidence.NONE;
    }

    /** True if the layout has a field named {@code name}. */
    public boolean hasField(String name) {
        return fields.stream().anyMatch(f -> f.name().equals(name));
    }

    /** The entry's interpretation as written in a table: {@code CREATE_SERVICE: utf16z serviceName, ...}. */
    public String layout() {
        StringBuilder b = new StringBuilder(kind.name()).append(':');
        for (int i = 0; i < fields.size(); i++) {
            b.append(i == 0 ? " " : ", ").append(fields.get(i));
        }
        return b.toString();
    }

    /** The layout and where it was read from, for messages: {@code CREATE_SERVICE: ... (table:12)}. */
    public String describe() {
        return layout() + " [" + key() + ", " + MessageTable.evidenceToken(evidence) + ", " + origin + "]";
    }

    /** The key the entry is stored under: id and GUID pin. */
    MessageKey key() {
        return new MessageKey(id, messageGuid, file);
    }

    /** An entry's identity in a table: its number, and its GUID pin or file tag. */
    record MessageKey(int id, Optional<UUID> messageGuid, Optional<String> file) {
        static MessageKey pinned(int id, UUID guid) {
            return new MessageKey(id, Optional.of(guid), Optional.empty());
        }

        @Override
        public String toString() {
            return String.format("0x%x", id) + messageGuid.map(g -> "@{" + g + "}").orElse("")
                    + file.map(f -> "@" + f).orElse("");
        }
    }
}
