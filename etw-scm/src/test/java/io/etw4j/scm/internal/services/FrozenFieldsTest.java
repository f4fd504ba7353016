package io.etw4j.scm.internal.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link FrozenFields}: a copy in order that cannot change, shared instead of copied again. */
class FrozenFieldsTest {
    @Test
    void aCopyInOrderThatCannotChangeAndIsNotCopiedAgain() {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("z", "1");
        source.put("a", "2");
        Map<String, String> frozen = FrozenFields.of(source);
        source.put("b", "3");

        assertThat(List.copyOf(frozen.keySet())).containsExactly("z", "a");
        assertThat(frozen).isEqualTo(Map.of("z", "1", "a", "2")).hasSameHashCodeAs(Map.of("z", "1", "a", "2"));
        assertThat(frozen).hasToString("{z=1, a=2}");
        assertThat(frozen.get("a")).isEqualTo("2");
        assertThat(frozen.containsKey("b")).isFalse();
        assertThat(FrozenFields.of(frozen)).isSameAs(frozen);
        assertThatThrownBy(() -> frozen.put("c", "4")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> frozen.entrySet().iterator().next().setValue("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> frozen.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
