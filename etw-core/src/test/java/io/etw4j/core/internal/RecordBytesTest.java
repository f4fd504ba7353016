package io.etw4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordBytesTest {

    @Test
    void viewsReadTheHeldBytesAndEveryArrayTheyHandOutIsACopy() {
        byte[] payload = {1, 2, 3};
        EventRecord r = EventRecord.builder().payload(payload)
                .addExtendedData(new ExtendedDataItem(ExtendedDataItem.EVENT_SCHEMA_TL, new byte[] {9, 8})).build();
        payload[0] = 42; // the builder copied it
        ReadOnlyBytes view = RecordBytes.payload(r);
        assertThat(view.length()).isEqualTo(3);
        assertThat(view.u8(0)).isEqualTo(1);
        assertThat(view.u16(1)).isEqualTo(0x0302);

        byte[] copy = view.copy();
        copy[0] = 77; // changing what the view handed out changes neither the view nor the record
        assertThat(view.u8(0)).isEqualTo(1);
        assertThat(r.payload()).containsExactly(1, 2, 3);
        byte[] range = view.copy(0, 2);
        range[1] = 55;
        assertThat(RecordBytes.payload(r).u8(1)).isEqualTo(2);

        ExtendedDataItem item = r.extendedData().get(0);
        ReadOnlyBytes data = RecordBytes.data(item);
        assertThat(data.copy()).containsExactly(9, 8);
        assertThat(data.contentEquals(RecordBytes.data(item))).isTrue();
        assertThat(data.contentHash()).isEqualTo(Arrays.hashCode(new byte[] {9, 8}));
        assertThat(data.contentEquals(RecordBytes.payload(r))).isFalse();
    }

    @Test
    void theViewHasNoMethodThatReturnsOrChangesTheArrayItself() {
        // Every public method returning byte[] is a copy (checked above); none takes an array to write into.
        for (var m : ReadOnlyBytes.class.getMethods()) {
            if (m.getDeclaringClass() == ReadOnlyBytes.class && !m.getName().equals("wrap")) {
                assertThat(m.getParameterTypes()).as(m.getName()).doesNotContain(byte[].class);
            }
        }
        assertThat(ReadOnlyBytes.class.getDeclaredFields()).allSatisfy(f ->
                assertThat(java.lang.reflect.Modifier.isPrivate(f.getModifiers())).as(f.getName()).isTrue());
    }
}
