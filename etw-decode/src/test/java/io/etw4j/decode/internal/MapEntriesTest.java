package io.etw4j.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.decode.ValueMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MapEntriesTest {

    @Test
    void sortsByUnsignedNumberAndEqualsAnOrdinaryMap() {
        Map<Long, String> in = new LinkedHashMap<>();
        in.put(-1L, "ALL");
        in.put(2L, "Two");
        in.put(0L, "None");
        MapEntries e = MapEntries.of(in);
        assertThat(e.keySet()).containsExactly(0L, 2L, -1L);
        assertThat(e).isEqualTo(new HashMap<>(in));
        assertThat(new HashMap<>(in)).isEqualTo(e);
        assertThat(e.hashCode()).isEqualTo(new HashMap<>(in).hashCode());
        assertThat(e.get(2L)).isEqualTo("Two");
        assertThat(e.get(2)).as("an Integer key is not a Long").isNull();
        assertThat(e.containsKey(-1L)).isTrue();
        assertThat(MapEntries.of(e)).isSameAs(e);
    }

    @Test
    void valueMapNamesTheEqualEntryOnly() {
        MapEntries e = MapEntries.of(Map.of(1L, "One", 3L, "Three"));
        assertThat(e.names(3, false)).containsExactly("Three");
        assertThat(e.names(2, false)).isEmpty();
        assertThat(e.names(0, false)).isEmpty();
    }

    @Test
    void bitMapNamesEveryEntryWhoseBitsAreAllSetAndZeroOnlyForZero() {
        MapEntries e = MapEntries.of(Map.of(0L, "NONE", 1L, "READ", 2L, "WRITE", 3L, "READ_WRITE", 8L, "EXEC"));
        assertThat(e.names(3, true)).containsExactly("READ", "WRITE", "READ_WRITE");
        assertThat(e.names(8, true)).containsExactly("EXEC");
        assertThat(e.names(4, true)).isEmpty();
        assertThat(e.names(0, true)).containsExactly("NONE");
    }

    @Test
    void answersLikeTheTreeMapItReplacedForEveryValue() {
        Map<Long, String> in = new HashMap<>();
        long seed = 7;
        for (int i = 0; i < 40; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            in.put(i % 3 == 0 ? seed : seed & 0xFF, "n" + i);
        }
        TreeMap<Long, String> reference = new TreeMap<>(Long::compareUnsigned);
        reference.putAll(in);
        ValueMap values = new ValueMap("v", false, in);
        ValueMap bits = new ValueMap("b", true, in);
        for (long probe : List.of(0L, 1L, 0xFFL, -1L, reference.firstKey(), reference.lastKey(), 12345L)) {
            String n = reference.get(probe);
            assertThat(values.names(probe)).isEqualTo(n == null ? List.of() : List.of(n));
            List<String> expected = new java.util.ArrayList<>();
            if (probe == 0) {
                if (reference.containsKey(0L)) {
                    expected.add(reference.get(0L));
                }
            } else {
                reference.forEach((k, v) -> {
                    if (k != 0 && (probe & k) == k) {
                        expected.add(v);
                    }
                });
            }
            assertThat(bits.names(probe)).isEqualTo(expected);
        }
    }

    @Test
    void refusesNullsAndIsImmutable() {
        Map<Long, String> withNull = new HashMap<>();
        withNull.put(1L, null);
        assertThatThrownBy(() -> MapEntries.of(withNull)).isInstanceOf(NullPointerException.class);
        MapEntries e = MapEntries.of(Map.of(1L, "a"));
        assertThatThrownBy(() -> e.put(2L, "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(e.toString()).isEqualTo("{1=a}");
    }

    @Test
    void cachedBitMapAnswersStayRightForValuesThatShareASlot() {
        Map<Long, String> in = new HashMap<>();
        for (int b = 0; b < 20; b++) {
            in.put(1L << b, "B" + b);
        }
        MapEntries e = MapEntries.of(in);
        // many more distinct values than cache slots, each asked twice: every answer must be its own
        for (int round = 0; round < 2; round++) {
            for (long v = 1; v < 5000; v += 7) {
                List<String> expected = new java.util.ArrayList<>();
                for (int b = 0; b < 20; b++) {
                    if ((v & (1L << b)) != 0) {
                        expected.add("B" + b);
                    }
                }
                assertThat(e.names(v, true)).as("value %d round %d", v, round).isEqualTo(expected);
            }
        }
    }
}
