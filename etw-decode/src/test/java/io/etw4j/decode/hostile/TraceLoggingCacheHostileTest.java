package io.etw4j.decode.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.TraceLoggingSchemas;
import io.etw4j.decode.internal.tracelogging.TlMeta;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: the TraceLogging schema cache is bounded in bytes (by its stated estimate), not only by count: metadata
 * blobs of ~60 KB that each parse to ~2 MB of schema cannot make the cache retain count x 2 MB.
 */
class TraceLoggingCacheHostileTest {

    /** TlgInUINT8 (TraceLoggingProvider.h). */
    private static final int IN_UINT8 = 3;

    private static EventRecord record(byte[] meta) {
        return EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(HostileSchemas.PROVIDER)
                .descriptor(EventDescriptor.ofId(0))
                .flags(EventRecord.FLAG_64_BIT_HEADER | EventRecord.FLAG_EXTENDED_INFO).timestamp(Instant.EPOCH)
                .payload(new byte[0]).addExtendedData(new ExtendedDataItem(ExtendedDataItem.EVENT_SCHEMA_TL, meta))
                .build();
    }

    /** An event of 20,000 UINT8 fields with one-letter names: 60 KB of metadata, 20,000 properties. */
    private static byte[] wide(int variant) {
        TlMeta m = TlMeta.event("E" + variant);
        for (int i = 0; i < 20_000; i++) {
            m.field(String.valueOf((char) ('a' + i % 26)), IN_UINT8);
        }
        return m.bytes();
    }

    @Test
    void theCacheRetainsNoMoreThanItsByteBound() {
        TraceLoggingSchemas tl = TraceLoggingSchemas.create();
        long metadataBytes = 0;
        int events = 60;
        for (int i = 0; i < events; i++) {
            byte[] meta = wide(i);
            metadataBytes += meta.length;
            assertThat(tl.schemaFor(record(meta))).isPresent();
            assertThat(tl.cachedBytes()).isLessThanOrEqualTo(TraceLoggingSchemas.DEFAULT_MAX_BYTES);
        }
        // Each entry is estimated at ~2 MB: 60 of them (120 MB) do not fit, the oldest were dropped.
        assertThat(tl.cachedCount()).isLessThan(events).isGreaterThan(0);
        assertThat(metadataBytes).isLessThan(4L << 20);
    }

    @Test
    void smallSchemasAreStillBoundedByCount() {
        TraceLoggingSchemas tl = TraceLoggingSchemas.create(10);
        for (int i = 0; i < 50; i++) {
            tl.schemaFor(record(TlMeta.event("E" + i).field("x", IN_UINT8).bytes()));
        }
        assertThat(tl.cachedCount()).isEqualTo(10);
        assertThat(tl.cachedBytes()).isPositive().isLessThan(10L * 1024);
    }
}
