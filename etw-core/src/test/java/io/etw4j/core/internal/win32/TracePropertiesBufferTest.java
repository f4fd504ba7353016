package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The EVENT_TRACE_PROPERTIES allocation with its trailing names (evntrace.h; notes §2.2). */
class TracePropertiesBufferTest {

    @Test
    void startBufferHoldsTheSessionNameRightAfterTheStructure() {
        TracePropertiesBuffer b = TracePropertiesBuffer.forStart("etw4j-test");
        int nameBytes = ("etw4j-test".length() + 1) * 2;

        assertThat(b.size()).isEqualTo(0x78 + nameBytes);
        // Read the raw memory at the x64 offsets, not through the structure.
        assertThat(b.pointer().getInt(0x00)).as("Wnode.BufferSize").isEqualTo(0x78 + nameBytes);
        assertThat(b.pointer().getInt(0x2C)).as("Wnode.Flags").isEqualTo(0x00020000);
        assertThat(b.pointer().getInt(0x74)).as("LoggerNameOffset").isEqualTo(0x78);
        assertThat(b.pointer().getInt(0x70)).as("LogFileNameOffset (real-time only)").isZero();
        assertThat(b.pointer().getByteArray(0x78, nameBytes))
                .isEqualTo("etw4j-test\0".getBytes(StandardCharsets.UTF_16LE));
        assertThat(b.loggerName()).isEqualTo("etw4j-test");
        assertThat(b.logFileName()).isEmpty();
    }

    @Test
    void startBufferWithLogFilePutsTheFileNameAfterTheSessionName() {
        TracePropertiesBuffer b = TracePropertiesBuffer.forStart("s", "C:\\t\\x.etl");
        int nameBytes = 4;
        int fileBytes = ("C:\\t\\x.etl".length() + 1) * 2;

        assertThat(b.size()).isEqualTo(0x78 + nameBytes + fileBytes);
        assertThat(b.pointer().getInt(0x70)).isEqualTo(0x78 + nameBytes);
        assertThat(b.logFileName()).contains("C:\\t\\x.etl");
        assertThat(b.loggerName()).isEqualTo("s");
    }

    @Test
    void controlBufferHasRoomForTheLongestNames() {
        TracePropertiesBuffer b = TracePropertiesBuffer.forControl();

        assertThat(b.size()).isEqualTo(0x78 + 2048 + 2048);
        assertThat(b.pointer().getInt(0x00)).isEqualTo(b.size());
        assertThat(b.pointer().getInt(0x74)).isEqualTo(0x78);
        assertThat(b.pointer().getInt(0x70)).isEqualTo(0x78 + 2048);
        assertThat(b.loggerName()).isEmpty();
    }

    @Test
    void namesWrittenBackByWindowsAreRead() {
        TracePropertiesBuffer b = TracePropertiesBuffer.forControl();
        byte[] name = WideStrings.bytes("Other Session");
        b.pointer().write(0x78, name, 0, name.length);

        assertThat(b.loggerName()).isEqualTo("Other Session");
    }

    @Test
    void fieldsSetOnThePropertiesReachNativeMemoryAndBack() {
        TracePropertiesBuffer b = TracePropertiesBuffer.forStart("x");
        b.properties().BufferSize = 64;
        b.properties().LogFileMode = Advapi32.EVENT_TRACE_REAL_TIME_MODE;
        b.properties().Wnode.ClientContext = Advapi32.WNODE_CLOCK_SYSTEM_TIME;
        b.write();

        assertThat(b.pointer().getInt(0x30)).isEqualTo(64);
        assertThat(b.pointer().getInt(0x40)).isEqualTo(0x100);
        assertThat(b.pointer().getInt(0x28)).isEqualTo(2);
        assertThat(b.loggerName()).as("names untouched by write()").isEqualTo("x");

        b.pointer().setInt(0x58, 17); // EventsLost, as ControlTraceW(QUERY) would write it
        b.pointer().setLong(0x08, 0x1234L); // Wnode.HistoricalContext
        b.read();
        assertThat(b.properties().EventsLost).isEqualTo(17);
        assertThat(b.properties().Wnode.HistoricalContext).isEqualTo(0x1234L);
    }

    @Test
    void everyCallReturnsAFreshBuffer() {
        TracePropertiesBuffer first = TracePropertiesBuffer.forControl();
        first.pointer().setInt(0x58, 99);
        TracePropertiesBuffer second = TracePropertiesBuffer.forControl();

        assertThat(second.pointer()).isNotEqualTo(first.pointer());
        assertThat(second.pointer().getInt(0x58)).isZero();
    }

    @Test
    void rejectsEmptyAndOverlongNames() {
        assertThatThrownBy(() -> TracePropertiesBuffer.forStart(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sessionName");
        assertThatThrownBy(() -> TracePropertiesBuffer.forStart("n".repeat(1024)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..1023");
        assertThat(TracePropertiesBuffer.forStart("n".repeat(1023)).size()).isEqualTo(0x78 + 2048);
    }

    @Test
    void queryAllBuffersAreDistinctControlBuffersInOrder() {
        TracePropertiesBuffer[] buffers = TracePropertiesBuffer.forQueryAll(3);
        Pointer[] pointers = TracePropertiesBuffer.pointers(buffers);

        assertThat(pointers).hasSize(3).doesNotHaveDuplicates();
        for (int i = 0; i < 3; i++) {
            assertThat(pointers[i]).isEqualTo(buffers[i].pointer());
            assertThat(pointers[i].getInt(0)).isEqualTo(0x78 + 4096);
            assertThat(pointers[i].getInt(0x74)).isEqualTo(0x78);
            // As the preflight's own array asserted before it used this one: the name slots and nothing else.
            assertThat(buffers[i].size()).isEqualTo(0x78 + 4096);
            assertThat(pointers[i].getInt(0x70)).as("LogFileNameOffset").isEqualTo(0x78 + 2048);
            assertThat(pointers[i].getInt(0x2C)).as("Wnode.Flags: zero, as QueryAllTracesW asks").isZero();
            byte[] rest = pointers[i].getByteArray(0x04, 0x70 - 0x04);
            assertThat(rest).as("every member between BufferSize and LogFileNameOffset zero").containsOnly(0);
        }
        assertThatThrownBy(() -> TracePropertiesBuffer.forQueryAll(65)).hasMessageContaining("1..64");
        assertThatThrownBy(() -> TracePropertiesBuffer.forQueryAll(0)).hasMessageContaining("1..64");
    }
}
