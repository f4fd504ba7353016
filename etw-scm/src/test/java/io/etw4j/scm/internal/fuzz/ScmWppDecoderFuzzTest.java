package io.etw4j.scm.internal.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceDeleted;
import io.etw4j.scm.ServiceOpened;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.UnknownScmMessage;
import io.etw4j.scm.internal.correlation.PublicEvents;
import io.etw4j.scm.internal.wpp.FieldSpec;
import io.etw4j.scm.internal.wpp.MessageEntry;
import io.etw4j.scm.internal.wpp.MessageTable;
import io.etw4j.scm.internal.wpp.ScmWppDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
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
 * its record and carries its timestamp. And the attribution property (issue 9): <b>a typed event's client PID appears
 * in the payload at a field boundary that the layout of a candidate entry for its number names {@code clientPid}</b>,
 * with the event's service name at the boundary that layout names {@code serviceName}; the layouts are walked here by
 * a reader of this test's own ({@link #layoutFits}), not by the decoder's code.
 *
 * <p>Input layout: bytes 0-1 = message number selector (bit 15 clear picks one of {@link #IDS}), byte 2 = header bits
 * (bit 0: 32-bit logger; bit 1: the record is a MESSAGE header kind; bit 2: TRACE_MESSAGE flag; bit 3: the pinned
 * message GUID instead of another; bit 4: first decode a record of message 0x0e under the same GUID, taking its
 * payload from the next byte-counted chunk, so that source-file learning is reached), then the payload. Decoders are
 * made anew for each input: their learned GUIDs must not carry over from one input to the next. Seeds (the seed article's 0x28 payload and one per test
 * layout) in {@code src/test/resources/io/etw4j/scm/internal/fuzz/ScmWppDecoderFuzzTestInputs/messages/}. Fuzz with
 * {@code ./mvnw -P fuzz -pl etw-scm -am test -Dtest=ScmWppDecoderFuzzTest} (README "Fuzzing").
 */
class ScmWppDecoderFuzzTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    static final UUID PINNED_GUID = UUID.fromString("0ba1c0de-0000-4000-8000-00000000c0de");
    private static final UUID OTHER_GUID = UUID.fromString("1ba1c0de-0000-4000-8000-00000000c0de");
    static final int[] IDS = {0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x0B, 0x0C, 0x0D, 0x0E, 0x50, 0x70,
        0x72, 0x73};
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

    @FuzzTest(maxDuration = "2m")
    void messages(byte[] input) {
        ScmWppDecoder shipped = new ScmWppDecoder(MessageTable.defaults());
        ScmWppDecoder test = new ScmWppDecoder(TEST_TABLE);
        FuzzInput in = new FuzzInput(input);
        int selector = in.u16();
        int id = (selector & 0x8000) == 0 ? IDS[selector % IDS.length] : selector & 0x7FFF;
        int bits = in.u8();
        int flags = (bits & 1) != 0 ? EventRecord.FLAG_32_BIT_HEADER : EventRecord.FLAG_64_BIT_HEADER;
        if ((bits & 4) != 0) {
            flags |= EventRecord.FLAG_TRACE_MESSAGE;
        }
        UUID guid = (bits & 8) != 0 ? PINNED_GUID : OTHER_GUID;
        HeaderKind kind = (bits & 2) != 0 ? HeaderKind.MESSAGE : HeaderKind.EVENT;
        boolean wpp = (bits & 6) != 0;
        if ((bits & 16) != 0) {
            EventRecord first = record(kind, guid, 0x0E, flags, in.take(in.u8()));
            check(first, wpp, shipped.decode(first).map(PublicEvents::of), MessageTable.defaults());
            check(first, wpp, test.decode(first).map(PublicEvents::of), TEST_TABLE);
        }
        EventRecord record = record(kind, guid, id, flags, in.rest());

        check(record, wpp, shipped.decode(record).map(PublicEvents::of), MessageTable.defaults());
        check(record, wpp, test.decode(record).map(PublicEvents::of), TEST_TABLE);
    }

    private static EventRecord record(HeaderKind kind, UUID guid, int id, int flags, byte[] payload) {
        return EventRecord.builder()
                .headerKind(kind)
                .providerId(guid)
                .descriptor(EventDescriptor.ofId(id))
                .flags(flags)
                .processId(700)
                .threadId(704)
                .timestamp(T0)
                .payload(payload)
                .build();
    }

    private static void check(EventRecord record, boolean wpp, Optional<ScmEvent> decoded, MessageTable table) {
        assertThat(decoded.isPresent()).as("an event exactly for WPP records").isEqualTo(wpp);
        decoded.ifPresent(e -> {
            assertThat(e.source()).isSameAs(record);
            assertThat(e.timestamp()).isEqualTo(record.timestamp());
            if (e instanceof UnknownScmMessage u) {
                assertThat(u.payload()).isEqualTo(record.payload());
                assertThat(u.client().isKnown()).isFalse();
            } else {
                assertThat(e.evidence()).isNotEqualTo(Evidence.NONE);
                if (e.client().isKnown()) {
                    assertPidAtANamedBoundary(record, e, table);
                }
            }
        });
    }

    /** The attribution property: some candidate layout for the number reads this PID (and name) at its fields. */
    private static void assertPidAtANamedBoundary(EventRecord record, ScmEvent e, MessageTable table) {
        byte[] p = record.payload();
        String name = serviceName(e);
        boolean found = false;
        for (MessageEntry entry : table.entries()) {
            if (entry.id() == record.id() && layoutFits(entry, p, record.pointerSize(), e.client().pid(), name)) {
                found = true;
                break;
            }
        }
        assertThat(found).as("PID %d of %s must be the clientPid field of a layout of message 0x%x; payload %s",
                e.client().pid(), e.getClass().getSimpleName(), record.id(), HexFormat.of().formatHex(p)).isTrue();
    }

    /**
     * This test's own layout walker: true if {@code entry}'s fields consume {@code p} exactly, its clientPid field
     * holds {@code pid} and its serviceName field holds {@code name}.
     */
    static boolean layoutFits(MessageEntry entry, byte[] p, int pointerSize, int pid, String name) {
        int pos = 0;
        boolean pidSeen = false;
        boolean nameSeen = name == null;
        for (FieldSpec f : entry.fields()) {
            int size;
            switch (f.type()) {
                case UTF16Z: {
                    int end = pos;
                    while (end + 1 < p.length && (p[end] != 0 || p[end + 1] != 0)) {
                        end += 2;
                    }
                    if (end + 1 >= p.length) {
                        return false;
                    }
                    if (f.name().equals("serviceName") && name != null) {
                        nameSeen = new String(p, pos, end - pos, StandardCharsets.UTF_16LE).equals(name);
                    }
                    pos = end + 2;
                    continue;
                }
                case U16:
                    size = 2;
                    break;
                case U32:
                    size = 4;
                    break;
                case U64:
                    size = 8;
                    break;
                default:
                    size = pointerSize;
            }
            if (pos + size > p.length) {
                return false;
            }
            if (f.name().equals("clientPid")) {
                long v = ByteBuffer.wrap(p, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
                pidSeen = v == pid;
            }
            pos += size;
        }
        return pos == p.length && pidSeen && nameSeen;
    }

    private static String serviceName(ScmEvent e) {
        if (e instanceof ServiceCreated c) {
            return c.serviceName();
        } else if (e instanceof ServiceStarted s) {
            return s.serviceName();
        } else if (e instanceof ServiceControlSent c) {
            return c.serviceName();
        } else if (e instanceof ServiceConfigChanged c) {
            return c.serviceName();
        } else if (e instanceof ServiceOpened o) {
            return o.serviceName();
        } else if (e instanceof ServiceDeleted d) {
            return d.serviceName();
        }
        return null;
    }
}
