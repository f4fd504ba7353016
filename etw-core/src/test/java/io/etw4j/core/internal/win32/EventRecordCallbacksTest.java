package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.EtwNative.RecordSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link EventRecordCallbacks} chooses the live callback: {@code -Detw4j.liveCallback=jna} always gives the JNA
 * callback; where the FFM path is absent (JDK 17, or a jar built on JDK 17) the default is JNA and {@code ffm} is
 * refused with a message saying what is needed. The FFM path itself is tested from {@code src/test/java22} when the
 * build runs on JDK 22 or later (profile {@code ffm}).
 */
class EventRecordCallbacksTest {

    private final List<EventRecord> received = new ArrayList<>();
    private final RecordSink sink = new RecordSink() {
        @Override
        public void onRecord(EventRecord record) {
            received.add(record);
        }

        @Override
        public void onCopyFailure(Throwable failure) {
            throw new AssertionError(failure);
        }
    };

    @AfterEach
    void clearProperty() {
        System.clearProperty(EventRecordCallbacks.PROPERTY);
    }

    @Test
    void jnaIsForcedByThePropertyAndItsPointerDeliversACopy() {
        System.setProperty(EventRecordCallbacks.PROPERTY, "jna");
        try (NativeEventRecordCallback cb = EventRecordCallbacks.create(EventRecordCopier.systemTime(), sink)) {
            assertThat(cb.kind()).isEqualTo("jna");
            Memory record = new Memory(EventRecordLayout.EVENT_RECORD_SIZE);
            record.clear();
            record.setShort(EventRecordLayout.OFF_FLAGS, (short) 0x0040);
            record.setInt(EventRecordLayout.OFF_PROCESS_ID, 3556);
            Function.getFunction(cb.functionPointer()).invoke(Void.class, new Object[] {record});
        }
        assertThat(received).singleElement().extracting(EventRecord::processId).isEqualTo(3556);
    }

    @Test
    void withoutTheFfmPathTheDefaultIsJnaAndFfmIsRefused() {
        if (EventRecordCallbacks.ffmAvailable()) {
            assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(22);
            try (NativeEventRecordCallback cb = EventRecordCallbacks.create(EventRecordCopier.systemTime(), sink)) {
                assertThat(cb.kind()).isEqualTo("ffm");
            }
            return;
        }
        try (NativeEventRecordCallback cb = EventRecordCallbacks.create(EventRecordCopier.systemTime(), sink)) {
            assertThat(cb.kind()).isEqualTo("jna");
        }
        System.setProperty(EventRecordCallbacks.PROPERTY, "ffm");
        assertThatThrownBy(() -> EventRecordCallbacks.create(EventRecordCopier.systemTime(), sink))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("JDK 22");
    }
}
