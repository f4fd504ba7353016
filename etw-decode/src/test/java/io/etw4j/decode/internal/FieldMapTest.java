package io.etw4j.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldMapTest {

    @Test
    void keepsInsertionOrderAndEqualsTheLinkedHashMapItReplaces() {
        FieldMap m = new FieldMap(2);
        m.set("b", 2L);
        m.set("a", "x");
        m.set("c", 3L); // grows past the capacity
        LinkedHashMap<String, Object> expected = new LinkedHashMap<>();
        expected.put("b", 2L);
        expected.put("a", "x");
        expected.put("c", 3L);
        assertThat(m).containsExactly(Map.entry("b", 2L), Map.entry("a", "x"), Map.entry("c", 3L));
        assertThat(m).isEqualTo(expected);
        assertThat(expected).isEqualTo(m);
        assertThat(m.hashCode()).isEqualTo(expected.hashCode());
        assertThat(m.toString()).isEqualTo(expected.toString());
    }

    @Test
    void aRepeatedNameKeepsItsPlaceAndTakesTheNewValue() {
        FieldMap m = new FieldMap(4);
        m.set("a", 1L);
        m.set("b", 2L);
        m.set(new String("a"), 9L); // equal, not the same instance
        assertThat(m).containsExactly(Map.entry("a", 9L), Map.entry("b", 2L));
    }

    @Test
    void looksUpByEqualNamesNotOnlyByIdentity() {
        FieldMap m = new FieldMap(1);
        m.set("ProcessId", 4L);
        assertThat(m.get(new String("ProcessId"))).isEqualTo(4L);
        assertThat(m.containsKey("ProcessID")).isFalse();
        assertThat(m.get(42)).isNull();
        assertThat(m.get(null)).isNull();
    }

    @Test
    void isReadOnlyForUsers() {
        FieldMap m = new FieldMap(1);
        m.set("a", 1L);
        assertThatThrownBy(() -> m.put("b", 2L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(5L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(m).containsExactly(Map.entry("a", 1L));
    }

    private static PropertyList props(String... names) {
        java.util.List<io.etw4j.decode.PropertySchema> l = new java.util.ArrayList<>();
        for (String n : names) {
            l.add(io.etw4j.decode.PropertySchema.of(n, io.etw4j.decode.InType.UINT32));
        }
        return PropertyList.of(l);
    }

    @Test
    void forEachVisitsWhatTheEntrySetHoldsInItsOrder() {
        PropertyList p = props("Pid", "Name", "Flags", "Tail");
        FieldMap indexed = FieldMap.forProperties(p);
        indexed.setAt(3, "t");
        indexed.setAt(0, 4L); // "Name" and "Flags" stay empty slots
        FieldMap own = new FieldMap(1);
        own.set("b", 2L);
        own.set("a", "x");
        own.set("b", 3L); // keeps its place
        for (FieldMap m : new FieldMap[] {indexed, own}) {
            List<Map.Entry<String, Object>> visited = new ArrayList<>();
            m.forEach((k, v) -> visited.add(Map.entry(k, v)));
            assertThat(visited).containsExactlyElementsOf(new ArrayList<>(m.entrySet()));
        }
        assertThat(indexed.entrySet()).hasSize(2);
        assertThatThrownBy(() -> indexed.forEach(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anIndexedMapSharesTheSchemasNamesAndLeavesPropertiesWithoutAValueOut() {
        PropertyList p = props("Pid", "Name", "Flags");
        assertThat(p.uniqueNames()).isTrue();
        FieldMap m = FieldMap.forProperties(p);
        assertThat(m.indexed()).isTrue();
        m.setAt(2, 7L);
        m.setAt(0, 4L); // set out of order: the map still iterates in property order
        LinkedHashMap<String, Object> expected = new LinkedHashMap<>();
        expected.put("Pid", 4L);
        expected.put("Flags", 7L);
        assertThat(m).containsExactly(Map.entry("Pid", 4L), Map.entry("Flags", 7L));
        assertThat(m).isEqualTo(expected).hasSize(2);
        assertThat(m.hashCode()).isEqualTo(expected.hashCode());
        assertThat(m.containsKey("Name")).as("a property without a value").isFalse();
        assertThat(m.get("Name")).isNull();
        assertThatThrownBy(() -> m.set("Other", 1L)).isInstanceOf(IllegalStateException.class);
        assertThat(FieldMap.forProperties(props()).isEmpty()).isTrue();
    }

    @Test
    void repeatedNamesGiveAMapWithItsOwnNames() {
        PropertyList p = props("A", "B", "A");
        assertThat(p.uniqueNames()).isFalse();
        assertThat(FieldMap.forProperties(p).indexed()).isFalse();
    }

    @Test
    void aPropertyListIsAnImmutableListEqualToItsSource() {
        PropertyList p = props("X", "Y");
        assertThat(p).isEqualTo(java.util.List.of(p.get(0), p.get(1)));
        assertThat(p.hashCode()).isEqualTo(java.util.List.of(p.get(0), p.get(1)).hashCode());
        assertThat(PropertyList.of(p)).isSameAs(p);
        assertThatThrownBy(() -> p.add(p.get(0))).isInstanceOf(UnsupportedOperationException.class);
        java.util.List<io.etw4j.decode.PropertySchema> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> PropertyList.of(withNull)).isInstanceOf(NullPointerException.class);
    }
}
