package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import io.etw4j.core.PayloadReader;
import io.etw4j.core.internal.win32.EtwStructures.GUID;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GuidsTest {
    /** The SCM WPP control GUID (DEVELOPERS.md); its guiddef.h memory form has Data1..Data3 byte-swapped. */
    private static final UUID SCM = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
    private static final byte[] SCM_BYTES = HexFormat.of().parseHex("c2a1cceb46ab1d4a8c2a906c2ff25f39");

    @Test
    void writesTheWindowsMemoryLayout() {
        Memory m = new Memory(16);
        Guids.write(m, 0, SCM);
        assertThat(m.getByteArray(0, 16)).isEqualTo(SCM_BYTES);

        GUID g = Guids.toStructure(SCM);
        assertThat(g.getPointer().getByteArray(0, 16)).isEqualTo(SCM_BYTES);
    }

    @Test
    void readsTheWindowsMemoryLayoutLikePayloadReader() {
        Memory m = new Memory(20);
        m.write(4, SCM_BYTES, 0, 16);
        assertThat(Guids.read(m, 4)).isEqualTo(SCM).isEqualTo(PayloadReader.guidAt(SCM_BYTES, 0));
    }

    @Test
    void structureFieldsRoundTrip() {
        GUID g = new GUID();
        Guids.set(g, SCM);
        assertThat(Guids.toUuid(g)).isEqualTo(SCM);
        assertThat(g.Data1).isEqualTo(0xebcca1c2);
        assertThat(g.Data2).isEqualTo((short) 0xab46);
        assertThat(g.Data3).isEqualTo((short) 0x4a1d);
        assertThat(g.Data4[0]).isEqualTo((byte) 0x8c);
    }
}
