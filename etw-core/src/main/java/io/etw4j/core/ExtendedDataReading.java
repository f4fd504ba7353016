package io.etw4j.core;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Reads the well-known extended data items of a record (evntcons.h EVENT_HEADER_EXTENDED_DATA_ITEM, the
 * EVENT_HEADER_EXT_TYPE_* layouts) for {@link EventRecord}'s accessors. Stateless.
 */
final class ExtendedDataReading {
    private ExtendedDataReading() {
    }

    static Optional<ExtendedDataItem> find(List<ExtendedDataItem> items, int type) {
        for (ExtendedDataItem item : items) {
            if (item.type() == type) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    static OptionalLong processStartKey(List<ExtendedDataItem> items) {
        return find(items, ExtendedDataItem.PROCESS_START_KEY)
                .filter(i -> i.size() >= 8)
                .map(i -> OptionalLong.of(i.reader().i64()))
                .orElse(OptionalLong.empty());
    }

    static Optional<UUID> relatedActivityId(List<ExtendedDataItem> items) {
        return find(items, ExtendedDataItem.RELATED_ACTIVITYID)
                .filter(i -> i.size() >= 16)
                .map(i -> i.reader().guid());
    }

    static Optional<SecurityIdentifier> userSid(List<ExtendedDataItem> items) {
        Optional<ExtendedDataItem> item = find(items, ExtendedDataItem.SID);
        if (item.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(item.get().reader().sid());
        } catch (PayloadException e) {
            return Optional.empty();
        }
    }

    /** The first STACK_TRACE64 or STACK_TRACE32 item's frames, after its MatchId. */
    static Optional<long[]> stackTrace(List<ExtendedDataItem> items) {
        for (ExtendedDataItem item : items) {
            if (item.type() == ExtendedDataItem.STACK_TRACE64 || item.type() == ExtendedDataItem.STACK_TRACE32) {
                int width = item.type() == ExtendedDataItem.STACK_TRACE64 ? 8 : 4;
                PayloadReader r = PayloadReader.of(item.data(), width);
                if (r.remaining() < 8) {
                    return Optional.empty();
                }
                r.i64(); // MatchId (evntcons.h EVENT_EXTENDED_ITEM_STACK_TRACE64)
                long[] frames = new long[r.remaining() / width];
                for (int i = 0; i < frames.length; i++) {
                    frames[i] = r.pointer();
                }
                return Optional.of(frames);
            }
        }
        return Optional.empty();
    }
}
