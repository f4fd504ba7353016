package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etw4j.core.EtwException;
import java.util.List;

/**
 * Fuzz target for {@link ProviderEnumerationReader}, the parser of what TdhEnumerateProviders writes: any bytes, with
 * any reported length. Contract on every input: the only exception is {@link EtwException}; a successful read gives
 * at most one entry per 0x18 bytes after the head, and every name is shorter than the buffer.
 *
 * <p>Input: byte 0 chooses the reported length (0: the whole input; else a cut of it, possibly past its end); the rest
 * is the buffer. In a normal build this runs only on the committed inputs in
 * {@code src/test/resources/io/etw4j/core/internal/win32/ProviderEnumerationReaderFuzzTestInputs/readBuffers/}; to
 * fuzz: {@code ./mvnw -P fuzz -pl etw-core test -Dtest=ProviderEnumerationReaderFuzzTest}.
 */
class ProviderEnumerationReaderFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void readBuffers(byte[] input) {
        if (input.length < 1) {
            return;
        }
        byte[] buffer = java.util.Arrays.copyOfRange(input, 1, input.length);
        int choice = input[0] & 0xFF;
        int length = choice == 0 ? buffer.length : choice == 0xFF ? buffer.length + 1 : Math.min(choice, buffer.length);
        List<ProviderEnumerationReader.Entry> entries;
        try {
            entries = ProviderEnumerationReader.read(buffer, length);
        } catch (EtwException expected) {
            return;
        }
        assertThat((long) entries.size() * ProviderEnumerationReader.INFO_SIZE)
                .isLessThanOrEqualTo(Math.max(0, length - ProviderEnumerationReader.HEAD_SIZE));
        for (ProviderEnumerationReader.Entry e : entries) {
            assertThat(e.guid()).isNotNull();
            assertThat(e.name().length() * 2L).isLessThan(length);
        }
    }
}
