package io.etw4j.core;

/**
 * {@link EventRecord#sameEventAs(EventRecord)}: whether two records are the same event as a decoder sees it, whichever
 * source each came from, all but the payload (which the record compares itself). The rules are documented on that
 * method. Stateless.
 */
final class RecordEquivalence {
    private RecordEquivalence() {
    }

    /** Every component {@code sameEventAs} compares but the payload. */
    static boolean sameEventButPayload(EventRecord a, EventRecord other) {
        int layoutOnly = EventRecord.LAYOUT_ONLY_FLAGS;
        return other != null
                && (a.flags() & ~layoutOnly) == (other.flags() & ~layoutOnly)
                && sameHeaderKind(a, other) && a.providerId().equals(other.providerId())
                && sameDescriptor(a, other)
                && a.eventProperty() == other.eventProperty() && a.processId() == other.processId()
                && a.threadId() == other.threadId() && a.timestamp().equals(other.timestamp())
                && a.activityId().equals(other.activityId()) && a.processorNumber() == other.processorNumber()
                && a.extendedData().equals(other.extendedData());
    }

    /** True for the header kinds a live consumer sees as {@link HeaderKind#CLASSIC}. */
    private static boolean classicFamily(EventRecord r) {
        return r.headerKind() != HeaderKind.EVENT && r.headerKind() != HeaderKind.MESSAGE;
    }

    private static boolean sameHeaderKind(EventRecord a, EventRecord other) {
        return a.headerKind() == other.headerKind() || (classicFamily(a) && classicFamily(other));
    }

    private static boolean sameDescriptor(EventRecord r, EventRecord other) {
        EventDescriptor a = r.descriptor();
        EventDescriptor b = other.descriptor();
        if (classicFamily(r)) {
            // Reached only when both are of the classic family: id and task are not compared (see sameEventAs)
            return a.version() == b.version() && a.channel() == b.channel() && a.level() == b.level()
                    && a.opcode() == b.opcode() && a.keyword() == b.keyword();
        }
        if (!r.isTraceMessage()) {
            return a.equals(b);
        }
        // Reached only when the flags agree, so isTraceMessage() is the same on both sides (symmetric).
        return a.id() == b.id() && a.version() == b.version() && a.channel() == b.channel() && a.level() == b.level()
                && a.opcode() == b.opcode() && a.task() == b.task();
    }
}
