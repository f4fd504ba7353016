package io.etw4j.scm.internal.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TracePropertiesArrayTest {

    @Test
    void eachBlockCarriesItsSizeAndTheNameOffsetsAtTheX64Offsets() {
        TracePropertiesArray array = new TracePropertiesArray(3);

        assertThat(array.count()).isEqualTo(3);
        assertThat(array.pointers()).hasSize(3).doesNotContainNull();
        for (int i = 0; i < 3; i++) {
            Memory m = array.block(i);
            assertThat(m.size()).isEqualTo(0x78 + 4096);
            assertThat(m.getInt(0x00)).as("Wnode.BufferSize").isEqualTo(0x78 + 4096);
            assertThat(m.getInt(0x74)).as("LoggerNameOffset").isEqualTo(0x78);
            assertThat(m.getInt(0x70)).as("LogFileNameOffset").isEqualTo(0x78 + 2048);
            assertThat(m.getInt(0x30)).as("everything else zeroed, e.g. BufferSize in KB").isZero();
        }
    }

    @Test
    void theSessionNameIsReadWhereEtwWritesIt() {
        TracePropertiesArray array = new TracePropertiesArray(1);
        byte[] name = "EventLog-System\0".getBytes(StandardCharsets.UTF_16LE);
        array.block(0).write(0x78, name, 0, name.length);

        assertThat(array.loggerName(0)).isEqualTo("EventLog-System");
    }

    @Test
    void aCorruptOffsetGivesAnEmptyName() {
        TracePropertiesArray array = new TracePropertiesArray(1);
        array.block(0).setInt(0x74, 5);
        assertThat(array.loggerName(0)).isEmpty();
    }
}
