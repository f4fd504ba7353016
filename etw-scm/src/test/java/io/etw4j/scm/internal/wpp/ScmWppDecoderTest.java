package io.etw4j.scm.internal.wpp;

import static io.etw4j.scm.internal.correlation.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceOpened;
import io.etw4j.scm.UnknownScmMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScmWppDecoderTest {
    /** Any message GUID: the real one is that of services.exe's source file and differs between builds. */
    static final UUID MESSAGE_GUID = UUID.fromString("6f0a9e2d-1111-4222-8333-944455556666");
    static final UUID OTHER_GUID = UUID.fromString("00000000-2222-4222-8333-944455556666");
    static final Instant T = Instant.parse("2024-05-01T10:00:02Z");
    static final int SERVICES_EXE = 700;

    /** The seed article's capture, rebuilt byte by byte: see {@link SeedCapture} (PID bytes e4 0d 00 00 = 3556). */
    static final byte[] SEED_PAYLOAD = SeedCapture.payload();

    private final ScmWppDecoder decoder = new ScmWppDecoder(MessageTable.defaults());

    static EventRecord wpp(UUID guid, int id, byte[] payload) {
        return EventRecord.builder()
                .headerKind(HeaderKind.MESSAGE)
                .providerId(guid)
                .descriptor(EventDescriptor.ofId(id))
                .flags(EventRecord.FLAG_TRACE_MESSAGE | EventRecord.FLAG_64_BIT_HEADER)
                .processId(SERVICES_EXE)
                .threadId(SERVICES_EXE + 4)
                .timestamp(T)
                .payload(payload)
                .build();
    }

    @Test
    void theSeedCaptureDecodesToServiceCreatedByPid3556() {
        EventRecord record = wpp(MESSAGE_GUID, 0x28, SEED_PAYLOAD);

        ScmEvent event = decoder.decode(record).orElseThrow();

        assertThat(event).isInstanceOf(ServiceCreated.class);
        ServiceCreated created = (ServiceCreated) event;
        assertThat(created.serviceName()).isEqualTo("evilsvc");
        assertThat(created.client().pid()).isEqualTo(3556); // e4 0d 00 00; the article's "3356" is a slip
        assertThat(created.client().resolution()).isEqualTo(ClientProcess.Resolution.PID_ONLY);
        assertThat(created.imagePath()).isEqualTo("C:\\drv\\evil.sys");
        assertThat(created.attributedBy()).isEqualTo(AttributionSource.SCM_WPP);
        assertThat(created.timestamp()).isEqualTo(T);
        assertThat(created.source()).isSameAs(record);
        assertThat(created.source().processId()).as("the header PID is services.exe, not the client")
                .isEqualTo(SERVICES_EXE);
        assertThat(decoder.messageGuidsSeen()).containsExactly(MESSAGE_GUID);
    }

    @Test
    void everyTruncationOfTheSeedIsUnknownAndNeverAWrongField() {
        for (int length = 0; length < SEED_PAYLOAD.length; length++) {
            byte[] cut = Arrays.copyOf(SEED_PAYLOAD, length);

            Optional<ScmEvent> event = decoder.decode(wpp(MESSAGE_GUID, 0x28, cut));

            assertThat(event).as("length %d", length).isPresent();
            assertThat(event.get()).as("length %d", length).isInstanceOf(UnknownScmMessage.class);
            UnknownScmMessage u = (UnknownScmMessage) event.get();
            assertThat(u.messageId()).isEqualTo(0x28);
            assertThat(u.messageGuid()).isEqualTo(MESSAGE_GUID);
            assertThat(u.payload()).isEqualTo(cut);
            assertThat(u.client()).isEqualTo(ClientProcess.unknown());
            assertThat(u.reason()).as("length %d", length).contains("does not have the shape of CREATE_SERVICE");
        }
    }

    @Test
    void aTruncatedSeedStillReportsTheStringsAndPidItHolds() {
        byte[] cut = Arrays.copyOf(SEED_PAYLOAD, SEED_PAYLOAD.length - 2); // the image path lost its NUL

        UnknownScmMessage u = (UnknownScmMessage) decoder.decode(wpp(MESSAGE_GUID, 0x28, cut)).orElseThrow();

        assertThat(u.reason()).contains("utf16z imagePath at offset 20 has no NUL terminator");
        assertThat(u.strings()).containsExactly("evilsvc", "C:\\drv\\evil.sys");
        assertThat(u.plausiblePids()).containsExactly(3556L);
    }

    @Test
    void trailingBytesAreNotTheSeedShape() {
        byte[] longer = Arrays.copyOf(SEED_PAYLOAD, SEED_PAYLOAD.length + 4);

        UnknownScmMessage u = (UnknownScmMessage) decoder.decode(wpp(MESSAGE_GUID, 0x28, longer)).orElseThrow();

        assertThat(u.reason()).contains("4 byte(s) left after the last field");
    }

    @Test
    void anImplausiblePidIsRefusedNotReported() {
        byte[] p = le().utf16z("svc").u32(3557).utf16z("C:\\a.exe").bytes();

        UnknownScmMessage u = (UnknownScmMessage) decoder.decode(wpp(MESSAGE_GUID, 0x28, p)).orElseThrow();

        assertThat(u.reason()).contains("clientPid 3557 (0xde5) is not a plausible process id");
        assertThat(u.strings()).containsExactly("svc", "C:\\a.exe");
    }

    @Test
    void aPidOfZeroNamesNoClient() {
        byte[] p = le().utf16z("svc").u32(0).utf16z("C:\\a.exe").bytes();

        ServiceCreated c = (ServiceCreated) decoder.decode(wpp(MESSAGE_GUID, 0x28, p)).orElseThrow();

        assertThat(c.client()).isEqualTo(ClientProcess.unknown());
        assertThat(c.serviceName()).isEqualTo("svc");
    }

    @Test
    void malformedNamesAreRefused() {
        List<byte[]> bad = List.of(
                le().utf16z("").u32(3556).utf16z("C:\\a.exe").bytes(),
                le().utf16z("a\\b").u32(3556).utf16z("C:\\a.exe").bytes(),
                le().utf16z("a/b").u32(3556).utf16z("C:\\a.exe").bytes(),
                le().utf16z("x".repeat(257)).u32(3556).utf16z("C:\\a.exe").bytes(),
                le().raw((byte) 0x00, (byte) 0xD8).raw((byte) 0x41, (byte) 0).raw((byte) 0, (byte) 0).u32(3556)
                        .utf16z("C:\\a.exe").bytes(),
                le().utf16z("svc").u32(3556).utf16z("").bytes());
        List<String> reasons = List.of("serviceName has 0 characters", "contains '/' or '\\'",
                "contains '/' or '\\'", "serviceName has 257 characters", "unpaired UTF-16 surrogate 0xd800",
                "imagePath is empty");
        for (int i = 0; i < bad.size(); i++) {
            ScmEvent e = decoder.decode(wpp(MESSAGE_GUID, 0x28, bad.get(i))).orElseThrow();
            assertThat(e).as("case %d", i).isInstanceOf(UnknownScmMessage.class);
            assertThat(((UnknownScmMessage) e).reason()).as("case %d", i).contains(reasons.get(i));
        }
    }

    @Test
    void aNameOf256CharactersAndASurrogatePairAreAccepted() {
        String name = "x".repeat(254) + "\uD83D\uDE00"; // 256 UTF-16 code units
        byte[] p = le().utf16z(name).u32(4).utf16z("C:\\\u00e9\u00e8.exe").bytes();

        ServiceCreated c = (ServiceCreated) decoder.decode(wpp(MESSAGE_GUID, 0x28, p)).orElseThrow();

        assertThat(c.serviceName()).isEqualTo(name);
        assertThat(c.imagePath()).isEqualTo("C:\\\u00e9\u00e8.exe");
        assertThat(c.client().pid()).isEqualTo(4);
    }

    @Test
    void unknownIdsAreKeptWithWhatTheyHold() {
        for (int id : new int[] {0x2A, 0x29, 0, 0xFFFF}) {
            UnknownScmMessage u = (UnknownScmMessage) decoder.decode(wpp(MESSAGE_GUID, id, SEED_PAYLOAD))
                    .orElseThrow();

            assertThat(u.messageId()).isEqualTo(id);
            assertThat(u.reason()).isEqualTo(String.format("message 0x%x is not in the message table (defaults "
                    + "(/io/etw4j/scm/scm-wpp-messages.properties))", id));
            assertThat(u.payload()).isEqualTo(SEED_PAYLOAD);
            assertThat(u.strings()).containsExactly("evilsvc", "C:\\drv\\evil.sys");
            assertThat(u.plausiblePids()).containsExactly(3556L);
        }
    }

    @Test
    void recordsThatAreNotWppAreNotTheDecodersToJudge() {
        EventRecord manifestEvent = wpp(MESSAGE_GUID, 0x28, SEED_PAYLOAD).toBuilder()
                .headerKind(HeaderKind.EVENT).flags(EventRecord.FLAG_64_BIT_HEADER).build();

        assertThat(decoder.decode(manifestEvent)).isEmpty();
        assertThat(decoder.messageGuidsSeen()).isEmpty();
    }

    @Test
    void oddPayloadsNeverThrow() {
        byte[][] odd = {
            new byte[0], {0}, {0, 0}, {0x41}, {0x41, 0, 0}, new byte[4096],
            HexFormat.of().parseHex("ffffffffffffffffffff"), HexFormat.of().parseHex("41004200430000"),
        };
        for (byte[] p : odd) {
            ScmEvent e = decoder.decode(wpp(MESSAGE_GUID, 0x28, p)).orElseThrow();
            assertThat(e).isInstanceOf(UnknownScmMessage.class);
        }
    }

    @Test
    void aPinnedEntryAppliesOnlyToItsGuid() {
        MessageTable pinned = MessageTable.of("pinned", List.of(
                "0x28@{" + MESSAGE_GUID + "} = CREATE_SERVICE: utf16z serviceName, u32 clientPid, utf16z imagePath"
                        + " | confirmed | test"));
        ScmWppDecoder d = new ScmWppDecoder(pinned);

        assertThat(d.decode(wpp(MESSAGE_GUID, 0x28, SEED_PAYLOAD)).orElseThrow()).isInstanceOf(ServiceCreated.class);
        UnknownScmMessage other = (UnknownScmMessage) d.decode(wpp(OTHER_GUID, 0x28, SEED_PAYLOAD)).orElseThrow();
        assertThat(other.reason()).isEqualTo("message 0x28 came with message GUID " + OTHER_GUID + " but the table "
                + "pins 0x28 to [" + MESSAGE_GUID + "] (message numbers are per message GUID)");
        assertThat(d.messageGuidsSeen()).containsExactlyInAnyOrder(MESSAGE_GUID, OTHER_GUID);
    }

    @Test
    void aPinnedEntryWinsOverAnUnpinnedOne() {
        MessageTable t = MessageTable.of("both", List.of(
                "0x30 = OPEN_SERVICE: utf16z serviceName, u32 clientPid | confirmed | any GUID",
                "0x30@" + MESSAGE_GUID + " = CONTROL_SERVICE: utf16z serviceName, u32 clientPid, u32 controlCode"
                        + " | confirmed | pinned"));
        ScmWppDecoder d = new ScmWppDecoder(t);

        ScmEvent pinned = d.decode(wpp(MESSAGE_GUID, 0x30, le().utf16z("svc").u32(8).u32(1).bytes())).orElseThrow();
        ScmEvent any = d.decode(wpp(OTHER_GUID, 0x30, le().utf16z("svc").u32(8).bytes())).orElseThrow();

        assertThat(pinned).isInstanceOf(ServiceControlSent.class);
        assertThat(((ServiceControlSent) pinned).control()).isEqualTo(1);
        assertThat(any).isInstanceOf(ServiceOpened.class);
        assertThat(any.client().pid()).isEqualTo(8);
    }

    @Test
    void anUnconfirmedEntryGivesItsCandidateReadingButNoTypedEvent() {
        MessageTable t = MessageTable.of("user", List.of(
                "0x2a = OPEN_SERVICE: utf16z serviceName, u32 clientPid | unconfirmed | guess from one capture"));
        ScmWppDecoder d = new ScmWppDecoder(t);

        UnknownScmMessage u = (UnknownScmMessage) d.decode(wpp(MESSAGE_GUID, 0x2A,
                le().utf16z("Spooler").u32(1234 * 4).bytes())).orElseThrow();
        UnknownScmMessage misfit = (UnknownScmMessage) d.decode(wpp(MESSAGE_GUID, 0x2A, SEED_PAYLOAD)).orElseThrow();

        assertThat(u.reason()).isEqualTo("message 0x2a matches an UNCONFIRMED table entry (user:1, source: guess "
                + "from one capture); candidate reading, not presented as fact: OPEN_SERVICE {serviceName=Spooler, "
                + "clientPid=4936}");
        assertThat(u.client()).isEqualTo(ClientProcess.unknown());
        assertThat(misfit.reason()).startsWith("message 0x2a (unconfirmed entry) does not have the shape of "
                + "OPEN_SERVICE: utf16z serviceName, u32 clientPid (user:1): 32 byte(s) left after the last field (offset 20 of 52)");
    }

    @Test
    void aConfigChangeKeepsItsExtraFieldsAsChanges() {
        MessageTable t = MessageTable.of("user", List.of("0x40 = CHANGE_CONFIG: utf16z serviceName, u32 clientPid, "
                + "u32 startType, utf16z binaryPathName, u64 tag | confirmed | test"));
        byte[] p = le().utf16z("svc").u32(3556).u32(2).utf16z("C:\\new.exe").u64(7).bytes();

        ServiceConfigChanged c = (ServiceConfigChanged) new ScmWppDecoder(t).decode(wpp(MESSAGE_GUID, 0x40, p))
                .orElseThrow();

        assertThat(c.changes()).containsExactly(java.util.Map.entry("startType", "2"),
                java.util.Map.entry("binaryPathName", "C:\\new.exe"), java.util.Map.entry("tag", "7"));
        assertThat(c.client().pid()).isEqualTo(3556);
    }
}
