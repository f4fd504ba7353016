package io.etw4j.decode.internal.eventinfo;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.testing.LeBytes;
import io.etw4j.decode.ValueMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: an EVENT_MAP_INFO (tdh.h) whose entries all point at one long string decodes that string once, and
 * entries pointing into one string at many offsets cannot cost the square of the blob's size.
 */
class EventMapInfoHostileTest {

    /** EVENT_MAP_INFO: NameOffset, Flag (EVENTMAP_INFO_FLAG_MANIFEST_VALUEMAP 1), EntryCount, ValueType ULONG 0. */
    private static byte[] map(int entries, int stringChars, int offsetStep) {
        int stringAt = 16 + 8 * entries;
        LeBytes b = LeBytes.le().u32(0).u32(1).u32(entries).u32(0);
        for (int i = 0; i < entries; i++) {
            b.u32(stringAt + 2L * ((long) i * offsetStep % stringChars)).u32(i); // OutputOffset, Value
        }
        return b.utf16z("x".repeat(stringChars - 1) + " ").bytes();
    }

    @Test
    void fourThousandEntriesPointingAtOneLongStringShareOneDecodedString() {
        byte[] blob = map(4000, 30_000, 0);

        Optional<ValueMap> m = EventMapInfoParser.parse(blob, 0, blob.length);

        assertThat(m).isPresent();
        List<String> names = List.copyOf(m.get().entries().values());
        assertThat(names).hasSize(4000);
        String first = names.get(0);
        assertThat(first).hasSize(29_999); // the trailing blank stripped
        // Retained memory: one string of 30,000 characters, not 4,000 (120 M characters) of them.
        assertThat(names).allSatisfy(n -> assertThat(n).isSameAs(first));
    }

    @Test
    void entriesAtManyOffsetsIntoOneStringAreBoundedPerBlobByte() {
        // 8,000 entries at 8,000 different offsets of a 30,000-character string: ~120 M characters of suffixes.
        byte[] blob = map(8000, 30_000, 1);

        Optional<ValueMap> m = EventMapInfoParser.parse(blob, 0, blob.length);

        long chars = m.map(v -> v.entries().values().stream().mapToLong(String::length).sum()).orElse(0L);
        assertThat(chars).isLessThanOrEqualTo(Blob.STRING_CHARS_PER_BYTE * (long) blob.length + Blob.MAX_STRING_CHARS);
        assertThat(m).isEmpty(); // refused as malformed
    }
}
