package io.etw4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import org.junit.jupiter.api.Test;

class RecordBytesTest {

    @Test
    void viewsAreTheHeldArraysWhileThePublicAccessorsStillCopy() {
        byte[] payload = {1, 2, 3};
        EventRecord r = EventRecord.builder().payload(payload)
                .addExtendedData(new ExtendedDataItem(ExtendedDataItem.EVENT_SCHEMA_TL, new byte[] {9, 8})).build();
        payload[0] = 42; // the builder copied it
        byte[] view = RecordBytes.payloadView(r);
        assertThat(view).containsExactly(1, 2, 3);
        assertThat(RecordBytes.payloadView(r)).isSameAs(view);
        assertThat(r.payload()).isNotSameAs(view).containsExactly(1, 2, 3);

        ExtendedDataItem item = r.extendedData().get(0);
        assertThat(RecordBytes.dataView(item)).containsExactly(9, 8).isSameAs(RecordBytes.dataView(item));
        assertThat(item.data()).isNotSameAs(RecordBytes.dataView(item));
    }
}
