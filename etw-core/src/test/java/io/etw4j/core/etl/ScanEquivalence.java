package io.etw4j.core.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.PayloadReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that {@link EtlFile#scan} visits exactly the records {@link EtlFile#records()} emits (each view's
 * {@code toRecord()} equal to the record, each accessor answering as the record does), with equal statistics and the
 * same error (class, kind, message) when the read fails. Shared by the scan tests of this package and the hostile
 * suite.
 */
public final class ScanEquivalence {

    private ScanEquivalence() {
    }

    /** Asserts the equivalence for {@code etl}; returns the number of records compared. */
    public static int check(EtlFile etl) {
        List<EventRecord> expected = new ArrayList<>();
        Throwable fluxError = null;
        try {
            etl.records().doOnNext(expected::add).blockLast();
        } catch (RuntimeException e) {
            fluxError = e;
        }
        EtlReaderStatistics fluxStats = etl.statistics();

        List<EventRecord> seen = new ArrayList<>();
        Throwable scanError = null;
        EtlReaderStatistics returned = null;
        try {
            returned = etl.scan(v -> {
                EventRecord r = v.toRecord();
                int i = seen.size();
                assertThat(i).as("more records than records() gives").isLessThan(expected.size());
                EventRecord e = expected.get(i);
                assertThat(r).as("record %d", i).isEqualTo(e);
                assertThat(r.sameEventAs(e)).isTrue();
                sameFields(v, e, i);
                seen.add(r);
            });
        } catch (RuntimeException e) {
            scanError = e;
        }
        assertThat(seen).hasSameSizeAs(expected);
        assertThat(etl.statistics()).isEqualTo(fluxStats);
        if (fluxError == null) {
            assertThat(scanError).isNull();
            assertThat(returned).isEqualTo(fluxStats);
        } else {
            assertThat(scanError).isNotNull().hasSameClassAs(fluxError).hasMessage(fluxError.getMessage());
            if (fluxError instanceof EtlFormatException f) {
                assertThat(((EtlFormatException) scanError).kind()).isEqualTo(f.kind());
            }
        }
        return seen.size();
    }

    private static void sameFields(RecordView v, EventRecord e, int i) {
        String at = "record " + i;
        assertThat(v.headerKind()).as(at).isEqualTo(e.headerKind());
        assertThat(v.providerId()).as(at).isEqualTo(e.providerId());
        assertThat(v.providerIdMostSignificantBits()).as(at).isEqualTo(e.providerId().getMostSignificantBits());
        assertThat(v.providerIdLeastSignificantBits()).as(at).isEqualTo(e.providerId().getLeastSignificantBits());
        assertThat(v.descriptor()).as(at).isEqualTo(e.descriptor());
        assertThat(new int[] {v.id(), v.version(), v.channel(), v.level(), v.opcode(), v.task()}).as(at)
                .containsExactly(e.descriptor().id(), e.descriptor().version(), e.descriptor().channel(),
                        e.descriptor().level(), e.descriptor().opcode(), e.descriptor().task());
        assertThat(v.keyword()).as(at).isEqualTo(e.descriptor().keyword());
        assertThat(v.flags()).as(at).isEqualTo(e.flags());
        assertThat(v.eventProperty()).as(at).isEqualTo(e.eventProperty());
        assertThat(v.processId()).as(at).isEqualTo(e.processId());
        assertThat(v.threadId()).as(at).isEqualTo(e.threadId());
        assertThat(v.processorNumber()).as(at).isEqualTo(e.processorNumber());
        assertThat(v.rawTimestamp()).as(at).isEqualTo(e.rawTimestamp());
        assertThat(v.timestamp()).as(at).isEqualTo(e.timestamp());
        assertThat(io.etw4j.core.internal.FileTimes.toInstant(v.fileTime())).as(at).isEqualTo(e.timestamp());
        assertThat(v.activityId()).as(at).isEqualTo(e.activityId());
        assertThat(v.activityIdMostSignificantBits()).as(at).isEqualTo(e.activityId().getMostSignificantBits());
        assertThat(v.activityIdLeastSignificantBits()).as(at).isEqualTo(e.activityId().getLeastSignificantBits());
        assertThat(v.extendedData()).as(at).isEqualTo(e.extendedData());
        assertThat(v.pointerSize()).as(at).isEqualTo(e.pointerSize());
        assertThat(v.payloadSize()).as(at).isEqualTo(e.payloadSize());
        ByteBuffer b = v.payloadBuffer();
        assertThat(b.isReadOnly()).isTrue();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        assertThat(bytes).as(at).isEqualTo(e.payload());
        PayloadReader p = v.payloadReader();
        assertThat(p.remaining()).as(at).isEqualTo(e.payloadSize());
    }
}
