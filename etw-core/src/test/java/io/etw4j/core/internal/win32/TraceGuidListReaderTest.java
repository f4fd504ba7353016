package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Moved from etw-scm's preflight (GuidListTest) with the parsing it tests. */
class TraceGuidListReaderTest {

    @Test
    void guidsAreReadInTheWindowsMemoryLayout() {
        // {EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39} in memory: Data1 c2 a1 cc eb, Data2 46 ab, Data3 1d 4a, Data4 as is.
        byte[] scm = HexFormat.of().parseHex("c2a1cceb46ab1d4a8c2a906c2ff25f39");
        Memory two = new Memory(40);
        two.clear();
        two.write(0, scm, 0, 16);
        two.setByte(16, (byte) 1); // a second GUID {00000001-0000-0000-0000-000000000000}

        assertThat(TraceGuidListReader.read(two, 32)).containsExactly(
                UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39"),
                UUID.fromString("00000001-0000-0000-0000-000000000000"));
        assertThat(TraceGuidListReader.read(two, 31)).as("a partial GUID is not read").hasSize(1);
        assertThat(TraceGuidListReader.read(two, -1)).as("a negative length reads nothing").isEmpty();
    }
}
