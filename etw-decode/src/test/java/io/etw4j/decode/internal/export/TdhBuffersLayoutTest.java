package io.etw4j.decode.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.internal.win32.EtwStructures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The x64 layouts the export reads and writes, asserted against the Windows SDK values (tdh.h
 * PROVIDER_ENUMERATION_INFO, TRACE_PROVIDER_INFO, PROVIDER_EVENT_INFO; evntprov.h EVENT_DESCRIPTOR; evntcons.h
 * EVENT_RECORD, whose JNA structure in etw-core, itself asserted against the SDK, is the reference for the EVENT_RECORD
 * size and ProviderId offset), and the parsers bounded by them.
 */
class TdhBuffersLayoutTest {

    @Test
    void layoutsAreTheSdkOnes() {
        assertThat(TdhBuffers.HEAD).isEqualTo(8); // NumberOfProviders / NumberOfEvents ULONG, Reserved ULONG
        assertThat(TdhBuffers.PROVIDER_INFO_SIZE).isEqualTo(0x18); // GUID 16 + SchemaSource 4 + NameOffset 4
        assertThat(TdhBuffers.PROVIDER_SCHEMA_SOURCE).isEqualTo(0x10);
        assertThat(TdhBuffers.PROVIDER_NAME_OFFSET).isEqualTo(0x14);
        assertThat(TdhBuffers.DESCRIPTOR_SIZE).isEqualTo(0x10); // Id 2, Version/Channel/Level/Opcode 1, Task 2, Keyword 8
        EtwStructures.EVENT_RECORD record = new EtwStructures.EVENT_RECORD();
        assertThat(HostTdhCatalog.EVENT_RECORD_SIZE).isEqualTo(record.size()).isEqualTo(0x70);
        assertThat(HostTdhCatalog.EVENT_RECORD_PROVIDER_ID).isEqualTo(record.offsetOf("EventHeader")
                + new EtwStructures.EVENT_HEADER().offsetOf("ProviderId")).isEqualTo(0x18);
    }

    @Test
    void malformedBuffersGiveWhatFitsAndNeverReadOutside() {
        assertThat(TdhBuffers.providers(new byte[3])).isEmpty();
        ByteBuffer b = ByteBuffer.allocate(8 + 0x18 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1).putInt(0).put(TdhBuffers.bytes(UUID.randomUUID())).putInt(0).putInt(9999);
        assertThat(TdhBuffers.providers(b.array())).as("a name offset outside the buffer").isEmpty();
        ByteBuffer huge = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).putInt(0);
        assertThat(TdhBuffers.providers(huge.array())).isEmpty();
        assertThat(TdhBuffers.descriptors(huge.array())).isEmpty();
        UUID g = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
        assertThat(TdhBuffers.guid(TdhBuffers.bytes(g), 0)).isEqualTo(g);
        assertThat(TdhBuffers.bytes(g)[0]).isEqualTo((byte) 0x67); // Data1 little-endian
    }
}
