package io.etw4j.core.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.etw4j.core.EventRecord;
import io.etw4j.core.testing.SyntheticEtl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Malformed .etl images: each problem is reported with its kind and file offset, skipped and counted by default, or
 * ends the read in strict mode; nothing else is ever thrown and every read ends.
 *
 * <p>The images are {@link SyntheticEtl} files of 0x400-byte buffers: buffer 0 holds the logfile header record,
 * buffers 1..3 one 0x100-byte event each (0x50 header + 0xB0 payload; 0x3B8 bytes of room hold two, so
 * {@code newBuffer} is used to place exactly one per buffer).
 */
class EtlFileBadInputTest {

    private static final int B = 0x400;
    private static final EtlReadOptions STRICT = EtlReadOptions.defaults().withStrict(true);

    private static byte[] fourBuffers() {
        SyntheticEtl etl = new SyntheticEtl().bufferSize(B);
        for (int i = 1; i <= 3; i++) {
            int id = i;
            etl.newBuffer(0).event(e -> e.id(id).payload(new byte[0xB0]));
        }
        byte[] image = etl.build();
        assertThat(image).hasSize(4 * B);
        return image;
    }

    private static ByteBuffer le(byte[] image) {
        return ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static List<Integer> ids(EtlFile f) {
        return f.records().skip(1).map(EventRecord::id).collectList().block(Duration.ofSeconds(10));
    }

    @Test
    void truncatedFileYieldsWhatIsThereThenCountsTheTruncation() {
        byte[] image = Arrays.copyOf(fourBuffers(), 3 * B + 0x48 + 0x80); // cut inside buffer 3's record
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        assertThat(ids(f)).containsExactly(1, 2);
        EtlReaderStatistics s = f.statistics();
        assertThat(s.errors()).containsOnlyKeys(EtlErrorKind.TRUNCATED_FILE, EtlErrorKind.RECORD_OVERRUN);
        assertThat(s.errors(EtlErrorKind.TRUNCATED_FILE)).isEqualTo(1);

        EtlFormatException e = (EtlFormatException) catchThrowable(
                () -> EtlFile.of(ByteBuffer.wrap(image), STRICT).records().blockLast());
        assertThat(e.kind()).isEqualTo(EtlErrorKind.TRUNCATED_FILE);
        assertThat(e.fileOffset()).isEqualTo(3 * B);
    }

    @Test
    void fileCutInsideABufferHeaderEndsWithAnError() {
        byte[] image = Arrays.copyOf(fourBuffers(), 2 * B + 0x20);
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        assertThat(ids(f)).containsExactly(1);
        assertThat(f.statistics().errors()).containsEntry(EtlErrorKind.TRUNCATED_FILE, 1L);
        StepVerifier.create(EtlFile.of(ByteBuffer.wrap(image), STRICT).records().skip(2))
                .expectErrorSatisfies(t -> assertThat(((EtlFormatException) t).fileOffset()).isEqualTo(2 * B))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void bufferSizeBelowTheHeaderIsSkippedByTheSessionsBufferSize() {
        byte[] image = fourBuffers();
        le(image).putInt(B, 0x20); // buffer 1's BufferSize lies
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        assertThat(ids(f)).containsExactly(2, 3);
        assertThat(f.statistics().errors()).containsExactly(java.util.Map.entry(EtlErrorKind.BAD_BUFFER_HEADER, 1L));
        assertThat(f.statistics().buffersSkipped()).isEqualTo(1);
        assertThat(f.statistics().buffersRead()).isEqualTo(3);

        assertThatThrownBy(() -> EtlFile.of(ByteBuffer.wrap(image), STRICT).records().blockLast())
                .isInstanceOfSatisfying(EtlFormatException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EtlErrorKind.BAD_BUFFER_HEADER);
                    assertThat(e.fileOffset()).isEqualTo(B);
                    assertThat(e.getMessage()).contains("BufferSize 32");
                });
    }

    @Test
    void hugeBufferSizeIsALieNotAnAllocation() {
        byte[] image = fourBuffers();
        le(image).putInt(2 * B, 0x7FFFFFF8);
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        assertThat(ids(f)).containsExactly(1, 3);
        assertThat(f.statistics().errors(EtlErrorKind.BAD_BUFFER_HEADER)).isEqualTo(1);
    }

    @Test
    void bufferSizePastTheEndOfFileIsATruncation() {
        byte[] image = fourBuffers();
        le(image).putInt(3 * B, 2 * B); // the last buffer claims more bytes than the file has
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        assertThat(ids(f)).containsExactly(1, 2, 3);
        assertThat(f.statistics().errors()).containsOnlyKeys(EtlErrorKind.TRUNCATED_FILE);
    }

    @Test
    void zeroedBufferHeaderBeforeMoreBuffersIsSkippedNotTakenForTheEnd() {
        byte[] image = fourBuffers();
        Arrays.fill(image, B, B + 0x48, (byte) 0);
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        assertThat(ids(f)).containsExactly(2, 3);
        assertThat(f.statistics().errors()).containsOnlyKeys(EtlErrorKind.BAD_BUFFER_HEADER);

        byte[] zeroTail = fourBuffers();
        Arrays.fill(zeroTail, 2 * B, 4 * B, (byte) 0); // a preallocated file's unused end
        le(zeroTail).putInt(0x48 + 0x20 + 0x24, 2); // whose header counts the 2 buffers written (BuffersWritten)
        EtlFile g = EtlFile.of(ByteBuffer.wrap(zeroTail));
        assertThat(ids(g)).containsExactly(1);
        assertThat(g.statistics().errors()).isEmpty();
        assertThat(g.statistics().truncated()).isFalse();

        le(zeroTail).putInt(0x48 + 0x20 + 0x24, 4); // a header counting 4: two written buffers were zeroed
        EtlFile h = EtlFile.of(ByteBuffer.wrap(zeroTail));
        assertThat(ids(h)).containsExactly(1);
        assertThat(h.statistics().errors()).containsOnlyKeys(EtlErrorKind.TRUNCATED_FILE);
        assertThat(h.statistics().truncated()).isTrue();
        assertThat(h.statistics().buffersMissing()).isEqualTo(2);
    }

    @Test
    void buffersFlaggedWithLostEventsAreCounted() {
        byte[] image = fourBuffers();
        ByteBuffer b = le(image);
        b.putShort(B + 0x34, (short) (b.getShort(B + 0x34) | 0x2)); //     ETW_BUFFER_FLAG_EVENTS_LOST
        b.putShort(3 * B + 0x34, (short) (b.getShort(3 * B + 0x34) | 0x4)); // ETW_BUFFER_FLAG_BUFFER_LOST
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        assertThat(ids(f)).containsExactly(1, 2, 3);
        assertThat(f.statistics().buffersMarkedLost()).isEqualTo(2);
        assertThat(f.statistics().errors()).isEmpty();
    }

    @Test
    void filledBytesPastTheBufferSkipsThatBuffer() {
        byte[] image = fourBuffers();
        le(image).putInt(B + 0x30, B + 8);
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        assertThat(ids(f)).containsExactly(2, 3);
        assertThat(f.statistics().errors()).containsOnlyKeys(EtlErrorKind.BAD_BUFFER_HEADER);
        assertThat(f.statistics().buffersSkipped()).isEqualTo(1);
    }

    @Test
    void recordRunningPastItsBufferIsReportedAtItsOffsetAndTheNextBufferIsRead() {
        byte[] image = fourBuffers();
        int record = 2 * B + 0x48;
        le(image).putShort(record, (short) 0x3C0); // Size: more than the 0x100 filled bytes after it
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        assertThat(ids(f)).containsExactly(1, 3);
        assertThat(f.statistics().errors()).containsOnlyKeys(EtlErrorKind.RECORD_OVERRUN);

        EtlFormatException e = (EtlFormatException) catchThrowable(
                () -> EtlFile.of(ByteBuffer.wrap(image), STRICT).records().blockLast());
        assertThat(e.kind()).isEqualTo(EtlErrorKind.RECORD_OVERRUN);
        assertThat(e.fileOffset()).isEqualTo(record);
    }

    @Test
    void recordShorterThanItsHeaderIsABadRecord() {
        byte[] image = fourBuffers();
        le(image).putShort(B + 0x48, (short) 0x20); // an EVENT_HEADER record cannot be 0x20 bytes
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        assertThat(ids(f)).containsExactly(2, 3);
        assertThat(f.statistics().errors()).containsOnlyKeys(EtlErrorKind.BAD_RECORD);
    }

    @Test
    void unknownHeaderTypeIsReportedAndItsBufferLeft() {
        byte[] image = fourBuffers();
        image[B + 0x48 + 2] = 0x77; // header type 0x77 under marker flags 0xC0
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        assertThat(ids(f)).containsExactly(2, 3);
        assertThat(f.statistics().errors()).containsOnlyKeys(EtlErrorKind.UNKNOWN_HEADER_TYPE);
        EtlFormatException e = (EtlFormatException) catchThrowable(
                () -> EtlFile.of(ByteBuffer.wrap(image), STRICT).records().blockLast());
        assertThat(e.kind()).isEqualTo(EtlErrorKind.UNKNOWN_HEADER_TYPE);
        assertThat(e.fileOffset()).isEqualTo(B + 0x48);
        assertThat(e.getMessage()).contains("0x77");
    }

    @Test
    void wppRecordWhoseFlagsPromiseMoreThanItsSizeIsABadRecord() {
        byte[] image = new SyntheticEtl().bufferSize(B)
                .message(m -> m.number(1).rawOptionFlags(0x2B).payload(new byte[4])) // promises seq+GUID+time+info
                .message(m -> m.number(2))
                .build();
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        assertThat(ids(f)).isEmpty(); // the second message shares the bad record's buffer
        assertThat(f.statistics().errors()).containsOnlyKeys(EtlErrorKind.BAD_RECORD);
    }

    @Test
    void extendedDataItemRunningPastItsRecordIsABadRecord() {
        byte[] image = new SyntheticEtl().bufferSize(B).loggerName("L").logFileName("F")
                .event(e -> e.extendedData(2, new byte[16])).build();
        // header record: 0x20 + 0x118 + "L\0" + "F\0" = 0x140 bytes, so the event is at 0x48 + 0x140; its first
        // item header is at +0x50, and its DataSize (u16 at +6) now claims 0x200 bytes
        le(image).putShort(0x48 + 0x140 + 0x50 + 6, (short) 0x200);
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        assertThat(ids(f)).isEmpty();
        assertThat(f.statistics().errors()).containsOnlyKeys(EtlErrorKind.BAD_RECORD);
    }

    @Test
    void filesWithoutALogfileHeaderCannotBeOpened() {
        assertThatThrownBy(() -> EtlFile.of(ByteBuffer.allocate(0)))
                .isInstanceOfSatisfying(EtlFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(EtlErrorKind.TRUNCATED_FILE));
        byte[] image = fourBuffers();
        image[0x48 + 2] = 0x13; // first record is not a SYSTEM header
        assertThatThrownBy(() -> EtlFile.of(ByteBuffer.wrap(image)))
                .isInstanceOfSatisfying(EtlFormatException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EtlErrorKind.BAD_LOGFILE_HEADER);
                    assertThat(e.fileOffset()).isEqualTo(0x48);
                });
        assertThatThrownBy(() -> EtlFile.open(java.nio.file.Path.of("/nonexistent/dir/x.etl")))
                .isInstanceOfSatisfying(EtlIoException.class, e -> {
                    assertThat(e.file()).contains("/nonexistent/dir/x.etl");
                    assertThat(e.getMessage()).startsWith("/nonexistent/dir/x.etl: cannot open");
                    assertThat(e.ioCause()).isInstanceOf(java.nio.file.NoSuchFileException.class);
                });
    }

    @Test
    void ioFailuresAreNotFormatErrorsAndFormatErrorsNameTheirFile(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        assertThatThrownBy(() -> EtlFile.open(dir))
                .as("a directory").isInstanceOf(EtlIoException.class).isNotInstanceOf(EtlFormatException.class);
        java.nio.file.Path junk = java.nio.file.Files.write(dir.resolve("junk.etl"), new byte[4096]);
        java.nio.file.Files.write(junk, "not an etl file at all, but long enough for a buffer header ..."
                .repeat(4).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> EtlFile.open(junk))
                .isInstanceOfSatisfying(EtlFormatException.class, e -> {
                    assertThat(e.file()).contains(junk.toString());
                    assertThat(e.getMessage()).startsWith(junk + ": ");
                });
        byte[] image = fourBuffers();
        le(image).putInt(B, 0x20); // buffer 1's BufferSize lies: strict mode raises it from records()
        java.nio.file.Path bad = java.nio.file.Files.write(dir.resolve("bad.etl"), image);
        assertThatThrownBy(() -> EtlFile.open(bad, STRICT).records().blockLast())
                .isInstanceOfSatisfying(EtlFormatException.class, e -> {
                    assertThat(e.file()).contains(bad.toString());
                    assertThat(e.getMessage()).startsWith(bad + ": BAD_BUFFER_HEADER at file offset 0x400");
                });
        assertThatThrownBy(() -> EtlFile.of(ByteBuffer.wrap(image), STRICT).records().blockLast())
                .isInstanceOfSatisfying(EtlFormatException.class,
                        e -> assertThat(e.getMessage()).startsWith("in-memory image: BAD_BUFFER_HEADER"));
    }

    @Test
    void compressedBufferThatDoesNotDecompressIsSkipped() {
        // buffer 1 marked compressed (ETW_BUFFER_FLAG_COMPRESSED 0x40): its bytes after the header are a flag word
        // 0x80000000 whose first symbol is a match with nothing before it
        byte[] image = fourBuffers();
        ByteBuffer b = le(image);
        b.putShort(B + 0x34, (short) 0x60);
        b.putInt(B + 0x48, 0x80000000);
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        assertThat(ids(f)).containsExactly(2, 3);
        assertThat(f.statistics().errors()).containsOnlyKeys(EtlErrorKind.DECOMPRESSION_FAILED);
    }

    @Test
    void compressedBufferIsDecompressed() {
        // buffer 1 rewritten as a compressed buffer: literal-only MS-XCA plain LZ77 ([MS-XCA] 2.3: a zero flag bit
        // is a literal byte), i.e. a 32-bit flag word of 0 before every 32 literals; BufferSize becomes the
        // on-disk size, FilledBytes stays the decompressed extent (notes §3.6)
        byte[] plain = fourBuffers();
        int filled = le(plain).getInt(B + 0x30);
        byte[] records = Arrays.copyOfRange(plain, B + 0x48, B + filled);
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < records.length; i += 32) {
            z.writeBytes(new byte[4]);
            z.write(records, i, Math.min(32, records.length - i));
        }
        byte[] compressed = z.toByteArray();
        int size = (0x48 + compressed.length + 7) & ~7;
        java.io.ByteArrayOutputStream img = new java.io.ByteArrayOutputStream();
        img.write(plain, 0, B);
        byte[] header = Arrays.copyOfRange(plain, B, B + 0x48);
        ByteBuffer h = le(header);
        h.putInt(0, size);
        h.putShort(0x34, (short) (h.getShort(0x34) | 0x40));
        img.writeBytes(header);
        img.writeBytes(Arrays.copyOf(compressed, size - 0x48));
        img.write(plain, 2 * B, 2 * B);
        EtlFile f = EtlFile.of(ByteBuffer.wrap(img.toByteArray()));
        List<EventRecord> rs = f.records().skip(1).collectList().block();
        assertThat(rs).extracting(EventRecord::id).containsExactly(1, 2, 3);
        assertThat(rs.get(0).payloadSize()).isEqualTo(0xB0);
        assertThat(f.statistics().buffersCompressed()).isEqualTo(1);
        assertThat(f.statistics().errors()).isEmpty();
    }

    @Test
    void randomDamageOnlyEverGivesTypedErrorsAndAlwaysEnds() {
        byte[] good = new SyntheticEtl().bufferSize(B)
                .event(e -> e.extendedData(0xD, new byte[8]).payload(new byte[40]))
                .message(m -> m.guid(EventRecord.NULL_GUID).number(0x28).sequence(1).systemInfo(1, 2)
                        .payload(new byte[12]))
                .newBuffer(1)
                .event(e -> e.payload(new byte[100]))
                .message(m -> m.componentId(5).noTimestamp())
                .build();
        Random rnd = new Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] image = good.clone();
            int hits = 1 + rnd.nextInt(8);
            for (int k = 0; k < hits; k++) {
                image[rnd.nextInt(image.length)] = (byte) rnd.nextInt(256);
            }
            if (rnd.nextInt(10) == 0) {
                image = Arrays.copyOf(image, rnd.nextInt(image.length));
            }
            EtlReadOptions options = EtlReadOptions.defaults().withStrict(rnd.nextBoolean())
                    .withTimestampOrder(rnd.nextBoolean());
            EtlFile f;
            try {
                f = EtlFile.of(ByteBuffer.wrap(image), options);
            } catch (EtlFormatException e) {
                continue;
            }
            try {
                long n = f.records().count().block(Duration.ofSeconds(10));
                assertThat(n).isEqualTo(f.statistics().records());
            } catch (EtlFormatException e) {
                assertThat(options.strict()).as("lenient reads of in-memory images never error: " + e).isTrue();
                assertThat(e.fileOffset()).isBetween(0L, (long) image.length);
            }
        }
    }
}
