package io.etw4j.scm.internal.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.UnknownScmMessage;
import io.etw4j.scm.internal.wpp.MessageTable;
import io.etw4j.scm.internal.wpp.ScmWppDecoder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Fuzz target for the SCM WPP decoder {@link ScmWppDecoder}, with the shipped table and with a test table that has
 * one entry of every kind (plus a GUID-pinned and an unconfirmed one) so that every reading path is reached.
 *
 * <p>The test table's ids 0x29-0x2F and their layouts are NOT Windows facts: they are made up here to drive the
 * decoder's layout reader; only 0x28 (CREATE_SERVICE, from the seed article) is real.
 *
 * <p>Contract checked (ScmWppDecoder#decode: "Never throws for any record"): no exception; a non-WPP record gives
 * empty, a WPP record gives an event; an {@link UnknownScmMessage} keeps the record's raw payload; every event names
 * its record and carries its timestamp.
 *
 * <p>Input layout: bytes 0-1 = message number selector (bit 15 clear picks one of 0x28-0x2F), byte 2 = header bits
 * (bit 0: 32-bit logger; bit 1: the record is a MESSAGE header kind; bit 2: TRACE_MESSAGE flag; bit 3: the pinned
 * message GUID instead of another), then the payload. Seeds (the seed article's 0x28 payload and one per test
 * layout) in {@code src/test/resources/io/etw4j/scm/internal/fuzz/ScmWppDecoderFuzzTestInputs/messages/}. Fuzz with
 * {@code ./mvnw -P fuzz -pl etw-scm -am test -Dtest=ScmWppDecoderFuzzTest} (README "Fuzzing").
 */
class ScmWppDecoderFuzzTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    static final UUID PINNED_GUID = UUID.fromString("0ba1c0de-0000-4000-8000-00000000c0de");
    private static final UUID OTHER_GUID = UUID.fromString("1ba1c0de-0000-4000-8000-00000000c0de");
    static final int[] IDS = {0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F};
    static final MessageTable TEST_TABLE = MessageTable.of("fuzz (test-only ids 0x29-0x2F)", List.of(
            "0x28 = CREATE_SERVICE: utf16z serviceName, u32 clientPid, utf16z imagePath | confirmed | seed article",
            "0x29 = OPEN_SERVICE: utf16z serviceName, u32 clientPid | confirmed | test only",
            "0x2A = START_SERVICE: utf16z serviceName, u32 clientPid, u16 argc | confirmed | test only",
            "0x2B = DELETE_SERVICE: utf16z serviceName, u32 clientPid | confirmed | test only",
            "0x2C = CONTROL_SERVICE: utf16z serviceName, u32 clientPid, u32 controlCode | confirmed | test only",
            "0x2D = CHANGE_CONFIG: utf16z serviceName, u32 clientPid, u32 startType, utf16z binaryPathName, u64 tag"
                    + " | confirmed | test only",
            "0x2E@{" + PINNED_GUID + "} = START_SERVICE: utf16z serviceName, u32 clientPid | confirmed | test only",
            "0x2F = OPEN_SERVICE: utf16z serviceName, u32 clientPid | unconfirmed | test only"));

    private final ScmWppDecoder shipped = new ScmWppDecoder(MessageTable.defaults());
    private final ScmWppDecoder test = new ScmWppDecoder(TEST_TABLE);

    @FuzzTest(maxDuration = "2m")
    void messages(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        int selector = in.u16();
        int id = (selector & 0x8000) == 0 ? IDS[selector % IDS.length] : selector & 0x7FFF;
        int bits = in.u8();
        int flags = (bits & 1) != 0 ? EventRecord.FLAG_32_BIT_HEADER : EventRecord.FLAG_64_BIT_HEADER;
        if ((bits & 4) != 0) {
            flags |= EventRecord.FLAG_TRACE_MESSAGE;
        }
        EventRecord record = EventRecord.builder()
                .headerKind((bits & 2) != 0 ? HeaderKind.MESSAGE : HeaderKind.EVENT)
                .providerId((bits & 8) != 0 ? PINNED_GUID : OTHER_GUID)
                .descriptor(EventDescriptor.ofId(id))
                .flags(flags)
                .processId(700)
                .threadId(704)
                .timestamp(T0)
                .payload(in.rest())
                .build();
        boolean wpp = (bits & 6) != 0;

        check(record, wpp, shipped.decode(record));
        check(record, wpp, test.decode(record));
    }

    private static void check(EventRecord record, boolean wpp, Optional<ScmEvent> decoded) {
        assertThat(decoded.isPresent()).as("an event exactly for WPP records").isEqualTo(wpp);
        decoded.ifPresent(e -> {
            assertThat(e.source()).isSameAs(record);
            assertThat(e.timestamp()).isEqualTo(record.timestamp());
            if (e instanceof UnknownScmMessage u) {
                assertThat(u.payload()).isEqualTo(record.payload());
            }
        });
    }
}
