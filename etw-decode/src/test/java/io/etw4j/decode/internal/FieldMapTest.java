package io.etw4j.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
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
}
