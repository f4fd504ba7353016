package io.etw4j.core.etl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fuzz target for the pure-Java .etl reader: {@link EtlFile#of(ByteBuffer, EtlReadOptions)} and a full read of
 * {@link EtlFile#records()}.
 *
 * <p>Contract checked (EtlFile's "Bad input" section): opening and reading any byte image either works or fails with
 * an {@link io.etw4j.core.EtwException} (the reader's {@link EtlFormatException}); no unchecked JDK exception escapes, the read
 * always ends (a hang is a libFuzzer timeout under the fuzz profile) and an allocation sized by a lying header shows
 * up as an OutOfMemoryError under the profile's small heap. In lenient mode a read completes and its statistics
 * agree with what was emitted; in strict mode it may end with an {@link EtlFormatException} instead. Budgets: the
 * records' payloads add up to at most 256 bytes per image byte (a compressed buffer expands at most 256 times), and
 * the lost ranges are merged (file order, none touching another) and add up to {@code bytesSkipped}.
 *
 * <p>Input layout: byte 0 = options (bit 0 strict, bit 1 timestamp order, bit 2 a 64 KiB buffer limit instead of
 * the default), then the .etl image. Seeds in
 * {@code src/test/resources/io/etw4j/core/etl/EtlFileFuzzTestInputs/etlImage/}: buffers cut from
 * {@code ../shared/etl/lxcore_kernel.etl} (8 KiB buffers; the whole file, buffer 0 alone, buffer 0 truncated) and
 * images written by the {@code SyntheticEtl} fixture (EVENT_HEADER and WPP MESSAGE records); for the resync and
 * truncation paths: {@code net.4.5.2.x64.etl}'s first four buffers with random bytes over buffer 2's header (at
 * 0x3CA8), {@code lxcore_kernel.etl} with random bytes over buffer 1's header, and {@code lxcore_kernel.etl} cut after
 * 2 of the 3 buffers its header counts (lenient, and strict in timestamp order). Fuzz with
 * {@code ./mvnw -P fuzz -pl etw-core test -Dtest=EtlFileFuzzTest} (README "Fuzzing").
 */
class EtlFileFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void etlImage(byte[] input) {
        if (input.length < 1) {
            return;
        }
        int o = input[0];
        EtlReadOptions base = EtlReadOptions.defaults()
                .withStrict((o & 1) != 0)
                .withTimestampOrder((o & 2) != 0);
        EtlReadOptions options = (o & 4) != 0 ? base.withMaxBufferSize(64 << 10) : base;
        int imageLength = input.length - 1;
        EtlFile etl;
        try {
            etl = EtlFile.of(ByteBuffer.wrap(input, 1, imageLength), options);
        } catch (EtlFormatException e) {
            assertThat(e.fileOffset()).isBetween(0L, (long) imageLength);
            return;
        }
        assertThat(etl.header()).isNotNull();

        AtomicLong emitted = new AtomicLong();
        AtomicLong payloadBytes = new AtomicLong();
        try {
            etl.records()
                    .doOnNext(r -> {
                        emitted.incrementAndGet();
                        payloadBytes.addAndGet(r.payloadSize());
                        assertThat(r.payloadSize()).isLessThanOrEqualTo(Math.max(imageLength, options.maxBufferSize()));
                    })
                    .blockLast();
        } catch (EtlFormatException e) {
            assertThat(options.strict()).as("only a strict read ends with an error on an in-memory image").isTrue();
            assertThat(e.fileOffset()).isBetween(0L, (long) imageLength);
        }
        EtlReaderStatistics stats = etl.statistics();
        assertThat(stats.records()).as("statistics count what was emitted").isEqualTo(emitted.get());
        assertThat(stats.bytesRead()).as("never more bytes than the image holds").isBetween(0L, (long) imageLength);
        assertThat(stats.errors().values()).allMatch(n -> n > 0);
        // Resynchronisation and truncation (EtlFile "Recovery" and "Truncation"): lost ranges lie in the image and
        // add up to bytesSkipped, which is never more than the image; a truncation is an error of its kind.
        // Merged (EtlReaderStatistics.lostRanges): in file order, none touching another.
        long skipped = 0;
        long previousEnd = -1;
        for (EtlLostRange r : stats.lostRanges()) {
            assertThat(r.end()).isLessThanOrEqualTo(imageLength);
            assertThat(r.start()).isGreaterThan(previousEnd);
            previousEnd = r.end();
            skipped += r.length();
        }
        assertThat(stats.bytesSkipped()).isGreaterThanOrEqualTo(skipped).isLessThanOrEqualTo(imageLength);
        if (stats.lostRangesNotListed() == 0) {
            assertThat(stats.bytesSkipped()).isEqualTo(skipped);
        }
        // The output budget (EtlFile): a buffer decodes to at most 256 times its bytes on disk, so the records'
        // payloads add up to at most 256 bytes per image byte.
        assertThat(payloadBytes.get()).isLessThanOrEqualTo(256L * imageLength);
        assertThat(stats.buffersMissing()).isBetween(0L, Math.max(0L, stats.buffersExpected()));
        if (stats.truncated() && !options.strict()) {
            assertThat(stats.errors(EtlErrorKind.TRUNCATED_FILE)).isPositive();
        }
    }
}
