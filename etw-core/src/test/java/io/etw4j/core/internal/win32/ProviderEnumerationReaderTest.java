package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.EtwException;
import io.etw4j.core.internal.win32.ProviderEnumerationReader.Entry;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link ProviderEnumerationReader} over PROVIDER_ENUMERATION_INFO images built by hand at the tdh.h offsets
 * ({@link ProviderEnumerationImage}). The GUID/name pairs are sample data (the first two as etw4j's README and
 * ClrEtwAll.man give them), not read from a Windows host.
 */
class ProviderEnumerationReaderTest {
    private static final String KERNEL_PROCESS = "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716";
    private static final String DOTNET_RUNTIME = "e13c0d23-ccbc-4e12-931b-d9cc2eee27e4";
    private static final String SAMPLE_MOF = "9e814aad-3204-11d2-9a82-006008a86939";

    private static ProviderEnumerationImage three() {
        return new ProviderEnumerationImage()
                .add(KERNEL_PROCESS, 0, "Microsoft-Windows-Kernel-Process")
                .add(DOTNET_RUNTIME, 0, "Microsoft-Windows-DotNETRuntime")
                .add(SAMPLE_MOF, 1, "MSNT_SystemTrace");
    }

    private static List<Entry> read(byte[] b) {
        return ProviderEnumerationReader.read(b, b.length);
    }

    @Test
    void readsEveryEntryWithItsGuidSchemaSourceAndName() {
        assertThat(read(three().bytes())).containsExactly(
                new Entry(UUID.fromString(KERNEL_PROCESS), 0, "Microsoft-Windows-Kernel-Process"),
                new Entry(UUID.fromString(DOTNET_RUNTIME), 0, "Microsoft-Windows-DotNETRuntime"),
                new Entry(UUID.fromString(SAMPLE_MOF), 1, "MSNT_SystemTrace"));
    }

    @Test
    void theImageHasTheTdhHLayout() {
        // the builder's own bytes, checked at literal offsets: what the reader is tested against is the tdh.h shape
        ByteBuffer b = ProviderEnumerationImage.le(three().bytes());
        assertThat(b.getInt(0x0)).as("NumberOfProviders").isEqualTo(3);
        assertThat(b.getInt(0x4)).as("Reserved").isZero();
        assertThat(Arrays.copyOfRange(b.array(), 0x8, 0x10)).as("first ProviderGuid: Data1, Data2, Data3 LE")
                .containsExactly(0xd6, 0x2c, 0xfb, 0x22, 0x7b, 0x0e, 0x2b, 0x42);
        assertThat(Arrays.copyOfRange(b.array(), 0x10, 0x18)).as("first ProviderGuid: Data4 in order")
                .containsExactly(0xa0, 0xc7, 0x2f, 0xad, 0x1f, 0xd0, 0xe7, 0x16);
        assertThat(b.getInt(0x8 + 0x18 * 2 + 0x10)).as("third SchemaSource (MOF)").isEqualTo(1);
        assertThat(b.getInt(0x8 + 0x14)).as("first ProviderNameOffset: right after the 3-element array")
                .isEqualTo(0x8 + 3 * 0x18);
        assertThat(b.get(0x50)).as("'M' in UTF-16LE").isEqualTo((byte) 'M');
        assertThat(b.get(0x51)).isZero();
    }

    @Test
    void theReaderConstantsAreTheTdhHOffsets() {
        assertThat(ProviderEnumerationReader.HEAD_SIZE).isEqualTo(0x8);
        assertThat(ProviderEnumerationReader.HEAD_NUMBER_OF_PROVIDERS).isEqualTo(0x0);
        assertThat(ProviderEnumerationReader.INFO_SIZE).isEqualTo(0x18);
        assertThat(ProviderEnumerationReader.INFO_PROVIDER_GUID).isEqualTo(0x0);
        assertThat(ProviderEnumerationReader.INFO_SCHEMA_SOURCE).isEqualTo(0x10);
        assertThat(ProviderEnumerationReader.INFO_PROVIDER_NAME_OFFSET).isEqualTo(0x14);
    }

    @Test
    void namesAreUtf16LeWhateverTheCharacters() {
        String name = "Contoso-Ünïcødé-\uD83D\uDE00-Provider";
        byte[] b = new ProviderEnumerationImage().add(KERNEL_PROCESS, 0, name).bytes();
        assertThat(read(b)).extracting(Entry::name).containsExactly(name);
    }

    @Test
    void nothingOrAnEmptyListReadsAsNoProviders() {
        assertThat(ProviderEnumerationReader.read(new byte[0], 0)).isEmpty();
        assertThat(read(new ProviderEnumerationImage().bytes())).isEmpty();
        assertThat(ProviderEnumerationReader.read(new byte[64], 8)).as("count 0, trailing bytes ignored").isEmpty();
    }

    @Test
    void onlyTheReportedLengthIsRead() {
        byte[] b = three().bytes();
        byte[] bigger = Arrays.copyOf(b, b.length + 100);
        assertThat(ProviderEnumerationReader.read(bigger, b.length)).hasSize(3);
        assertThatThrownBy(() -> ProviderEnumerationReader.read(b, b.length + 1)).isInstanceOf(EtwException.class)
                .hasMessageContaining("outside the");
        assertThatThrownBy(() -> ProviderEnumerationReader.read(b, -1)).isInstanceOf(EtwException.class);
    }

    @Test
    void aHeadShorterThanEightBytesIsMalformed() {
        assertThatThrownBy(() -> ProviderEnumerationReader.read(new byte[7], 7))
                .isExactlyInstanceOf(EtwException.class)
                .hasMessage("TdhEnumerateProviders returned a malformed PROVIDER_ENUMERATION_INFO: the head needs 8"
                        + " bytes, got 7");
    }

    @Test
    void aCountLargerThanTheBufferIsMalformedAndNothingIsReadPastIt() {
        byte[] b = three().bytes();
        assertThat(b).hasSize(244);
        ProviderEnumerationImage.le(b).putInt(0, 10);
        assertThatThrownBy(() -> read(b)).isExactlyInstanceOf(EtwException.class)
                .hasMessageEndingWith("NumberOfProviders 10 needs 248 bytes, the buffer has 244");
        // a count that still fits makes the array overlap the names, which the name offsets then reveal
        ProviderEnumerationImage.le(b).putInt(0, 4);
        assertThatThrownBy(() -> read(b)).isExactlyInstanceOf(EtwException.class)
                .hasMessageContaining("ProviderNameOffset 80 is not between the end of the array (104)");
        ProviderEnumerationImage.le(b).putInt(0, -1); // 0xFFFFFFFF: no int overflow on the way
        assertThatThrownBy(() -> read(b)).isExactlyInstanceOf(EtwException.class)
                .hasMessageContaining("NumberOfProviders 4294967295 needs 103079215088 bytes");
    }

    @Test
    void aBufferCutInsideTheArrayIsMalformed() {
        byte[] b = three().bytes();
        assertThatThrownBy(() -> ProviderEnumerationReader.read(b, 0x8 + 0x18 * 2 + 4))
                .isExactlyInstanceOf(EtwException.class).hasMessageContaining("NumberOfProviders 3 needs 80 bytes");
    }

    @Test
    void aBufferCutInsideTheLastNameIsMalformed() {
        byte[] b = three().bytes();
        assertThatThrownBy(() -> ProviderEnumerationReader.read(b, b.length - 2))
                .isExactlyInstanceOf(EtwException.class)
                .hasMessageContaining("provider 2: the name at")
                .hasMessageContaining("has no NUL before the end of the buffer");
    }

    @Test
    void aNameOffsetIntoTheHeadOrTheArrayIsMalformed() {
        for (int bad : new int[] {0, 0x8, 0x20, 0x4F}) {
            byte[] b = three().bytes();
            ProviderEnumerationImage.le(b).putInt(0x8 + 0x18 + 0x14, bad); // second entry
            assertThatThrownBy(() -> read(b)).as("offset %d", bad).isExactlyInstanceOf(EtwException.class)
                    .hasMessageContaining("provider 1 (" + DOTNET_RUNTIME + "): ProviderNameOffset " + bad
                            + " is not between the end of the array (80)");
        }
    }

    @Test
    void aNameOffsetAtOrPastTheEndIsMalformed() {
        byte[] image = three().bytes();
        for (long bad : new long[] {image.length - 1, image.length, image.length + 2, 0xFFFF_FFFFL}) {
            byte[] b = image.clone();
            ProviderEnumerationImage.le(b).putInt(0x8 + 0x14, (int) bad);
            assertThatThrownBy(() -> read(b)).as("offset %d", bad).isExactlyInstanceOf(EtwException.class)
                    .hasMessageContaining("ProviderNameOffset " + bad + " is not between");
        }
    }

    @Test
    void namesMayShareBytesOrComeInAnyOrder() {
        byte[] b = three().bytes();
        ByteBuffer le = ProviderEnumerationImage.le(b);
        int third = le.getInt(0x8 + 0x18 * 2 + 0x14);
        le.putInt(0x8 + 0x14, third); // the first entry now points at the third's name
        assertThat(read(b)).extracting(Entry::name)
                .containsExactly("MSNT_SystemTrace", "Microsoft-Windows-DotNETRuntime", "MSNT_SystemTrace");
    }

    @Test
    void anEmptyNameIsReadAsEmpty() {
        byte[] b = new ProviderEnumerationImage().add(KERNEL_PROCESS, 0, "").bytes();
        assertThat(read(b)).extracting(Entry::name).containsExactly("");
    }
}
