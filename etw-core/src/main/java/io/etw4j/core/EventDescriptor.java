package io.etw4j.core;

/**
 * The EVENT_DESCRIPTOR of an event (evntprov.h): what the provider says the event is.
 *
 * <p>For a WPP (TraceMessage) record, {@code id} is the message number and the other fields are 0, as Windows fills
 * them in an EVENT_RECORD with EVENT_HEADER_FLAG_TRACE_MESSAGE. For a kernel (SYSTEM/COMPACT/PERFINFO) record read
 * from an .etl file, {@code opcode} is the hook's type byte, {@code task} the hook's group byte and {@code id} the full
 * hook id ({@code group << 8 | type}); see {@link HeaderKind}. A live consumer of the same kernel event sees the hook
 * only as the record's provider (the event-class GUID of its group, which {@link io.etw4j.core.etl.EtlFile} also
 * gives) plus
 * {@code opcode}, so compare kernel events from both sources by provider and opcode. All fields are unsigned values
 * widened to int/long.
 *
 * @param id      event id (USHORT)
 * @param version event version (UCHAR)
 * @param channel channel (UCHAR)
 * @param level   level (UCHAR), see {@link io.etw4j.core.session.TraceLevel}
 * @param opcode  opcode (UCHAR)
 * @param task    task (USHORT)
 * @param keyword keyword mask (ULONGLONG)
 */
public record EventDescriptor(int id, int version, int channel, int level, int opcode, int task, long keyword) {

    /** The all-zero descriptor. */
    public static final EventDescriptor EMPTY = new EventDescriptor(0, 0, 0, 0, 0, 0, 0L);

    /**
     * Creates the record (the canonical constructor).
     *
     * @param id event id (USHORT)
     * @param version event version (UCHAR)
     * @param channel channel (UCHAR)
     * @param level level (UCHAR), see {@link io.etw4j.core.session.TraceLevel}
     * @param opcode opcode (UCHAR)
     * @param task task (USHORT)
     * @param keyword keyword mask (ULONGLONG)
     */
    public EventDescriptor {
        checkRange("id", id, 0xFFFF);
        checkRange("version", version, 0xFF);
        checkRange("channel", channel, 0xFF);
        checkRange("level", level, 0xFF);
        checkRange("opcode", opcode, 0xFF);
        checkRange("task", task, 0xFFFF);
    }

    /**
     * {@return a descriptor with only an id, as a WPP message number is reported}
     *
     * @param id the event id (USHORT)
     */
    public static EventDescriptor ofId(int id) {
        return new EventDescriptor(id, 0, 0, 0, 0, 0, 0L);
    }

    private static void checkRange(String name, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " out of range 0.." + max + ": " + value);
        }
    }
}
