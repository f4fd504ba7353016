package io.etw4j.decode.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.KernelMofSchemas;
import io.etw4j.decode.internal.KernelMofTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target for the kernel MOF readers: the MOF text reader and converter ({@link MofText},
 * {@link KernelMofConverter}, test-scope) and the shipped table's reader ({@link KernelMofTable}, behind
 * {@link KernelMofSchemas#of}).
 *
 * <p>Input layout: byte 0 bit 0 picks the text kind (0: MOF text, 1: table text), bits 1-7 are the payload length
 * for a decode; the next bytes up to a NUL are the text (UTF-8), the rest is a payload. Contract checked: the MOF
 * converter throws nothing but {@link MofSyntaxException}; what it writes is always a table {@link KernelMofTable}
 * reads; the table reader throws nothing but {@link KernelMofTable.TableFormatException}; every schema of a table
 * that reads decodes the payload (32- and 64-bit) without an exception, keeping the record. Seeds (a kernel-trace.mof
 * excerpt, table excerpts) in {@code src/test/resources/io/etw4j/decode/tools/KernelMofFuzzTestInputs/texts/}.
 * Fuzz with {@code ./mvnw -P fuzz -pl etw-decode -am test -Dtest=KernelMofFuzzTest}.
 */
class KernelMofFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void texts(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int nul = 1;
        while (nul < input.length && input[nul] != 0) {
            nul++;
        }
        String text = new String(input, 1, nul - 1, StandardCharsets.UTF_8);
        byte[] payload = nul < input.length ? Arrays.copyOfRange(input, nul + 1, input.length) : new byte[0];
        String table;
        if ((input[0] & 1) == 0) {
            try {
                table = KernelMofConverter.convert(text);
            } catch (MofSyntaxException e) {
                return;
            }
            KernelMofTable.parse(table); // the converter's output must always read back: no exception allowed here
        } else {
            table = text;
        }
        KernelMofSchemas schemas;
        try {
            schemas = KernelMofSchemas.create(table);
        } catch (KernelMofTable.TableFormatException e) {
            assertThat((input[0] & 1)).as("converter output rejected: " + e.getMessage()).isEqualTo(1);
            return;
        }
        EventDecoder decoder = EventDecoder.builder().add(schemas).build();
        for (KernelMofTable.Entry entry : KernelMofTable.parse(table)) {
            for (int type : entry.types().keySet()) {
                for (int flags : List.of(EventRecord.FLAG_32_BIT_HEADER, EventRecord.FLAG_64_BIT_HEADER)) {
                    EventRecord r = EventRecord.builder().headerKind(HeaderKind.SYSTEM).providerId(entry.classId())
                            .descriptor(new EventDescriptor(0, entry.version().orElse(0), 0, 0, type, 0, 0))
                            .flags(flags).timestamp(Instant.EPOCH).payload(payload).build();
                    DecodedEvent d = decoder.decode(r);
                    assertThat(d.record()).isSameAs(r);
                    assertThat(d.isDecoded()).isTrue();
                }
            }
        }
    }
}
