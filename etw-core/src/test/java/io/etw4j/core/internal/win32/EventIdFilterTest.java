package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_FILTER_DESCRIPTOR;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** EVENT_FILTER_DESCRIPTOR + EVENT_FILTER_EVENT_ID bytes (evntprov.h). */
class EventIdFilterTest {

    @Test
    void includeFilterBytes() {
        EventIdFilter f = EventIdFilter.include(0x28, 0x2A, 0xFFFF);

        assertThat(f.data().getByteArray(0, 10)).isEqualTo(HexFormat.of().parseHex("010003002800" + "2a00ffff"));
        EVENT_FILTER_DESCRIPTOR d = new EVENT_FILTER_DESCRIPTOR(f.descriptor());
        d.read();
        assertThat(d.Ptr).isEqualTo(Pointer.nativeValue(f.data()));
        assertThat(d.Size).isEqualTo(10);
        assertThat(d.Type).isEqualTo(0x80000200);
    }

    @Test
    void excludeFilterHasFilterInFalse() {
        EventIdFilter f = EventIdFilter.exclude(7);
        assertThat(f.data().getByteArray(0, 6)).isEqualTo(HexFormat.of().parseHex("000001000700"));
        assertThat(f.descriptor().getInt(8)).isEqualTo(6);
    }

    @Test
    void rejectsEmptyTooManyAndOutOfRangeIds() {
        assertThatThrownBy(EventIdFilter::include).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventIdFilter.include(new int[65])).hasMessageContaining("1..64");
        assertThatThrownBy(() -> EventIdFilter.exclude(0x10000)).hasMessageContaining("0..65535");
        assertThat(EventIdFilter.include(new int[64]).descriptor().getInt(8)).isEqualTo(4 + 128);
    }
}
