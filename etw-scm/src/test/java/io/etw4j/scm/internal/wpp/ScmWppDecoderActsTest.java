package io.etw4j.scm.internal.wpp;

import static io.etw4j.core.testing.LeBytes.le;
import static io.etw4j.scm.internal.wpp.ScmWppDecoderTest.I386;
import static io.etw4j.scm.internal.wpp.ScmWppDecoderTest.MESSAGE_GUID;
import static io.etw4j.scm.internal.wpp.ScmWppDecoderTest.OTHER_GUID;
import static io.etw4j.scm.internal.wpp.ScmWppDecoderTest.SEED_PAYLOAD;
import static io.etw4j.scm.internal.wpp.ScmWppDecoderTest.wpp;
import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreateRefused;
import io.etw4j.scm.ServiceStartResult;
import io.etw4j.scm.UnknownScmMessage;
import io.etw4j.scm.internal.correlation.PublicEvents;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The SCM WPP decoder's messages for every act of the public decompilation over the shipped table: the decoded fields,
 * the matched entry and the raw record of each {@link WppMessage}, and, where the public event adds something (no
 * client, attribution, derived flags), the event {@link PublicEvents} builds from it.
 */
class ScmWppDecoderActsTest {
    private final ScmWppDecoder decoder = new ScmWppDecoder(MessageTable.defaults());

    private WppMessage message(int id, byte[] payload) {
        return decoder.decode(wpp(MESSAGE_GUID, id, payload)).orElseThrow();
    }

    private WppMessage.Unknown unknown(int id, byte[] payload) {
        WppMessage m = message(id, payload);
        assertThat(m).as("message 0x%x", id).isInstanceOf(WppMessage.Unknown.class);
        return (WppMessage.Unknown) m;
    }

    @Test
    void theSeedCaptureIsACreateMessageWithItsEntryAndRecord() {
        EventRecord record = wpp(MESSAGE_GUID, 0x28, SEED_PAYLOAD);

        WppMessage.Create c = (WppMessage.Create) decoder.decode(record).orElseThrow();

        assertThat(c.serviceName()).isEqualTo("evilsvc");
        assertThat(c.clientPid()).isEqualTo(3556);
        assertThat(c.imagePath()).contains("C:\\drv\\evil.sys");
        assertThat(c.wowType()).isEmpty();
        assertThat(c.entry().kind()).isEqualTo(MessageKind.CREATE_SERVICE);
        assertThat(c.entry().id()).isEqualTo(0x28);
        assertThat(c.evidence()).isEqualTo(Evidence.PUBLISHED_ARTICLE);
        assertThat(c.source()).isSameAs(record);
    }

    @Test
    void aRefusedCreateIsTypedWithItsWowTypeAndError() {
        WppMessage.CreateRefused r = (WppMessage.CreateRefused) message(0x2a, le().u32(I386).utf16z("svc").u32(87)
                .bytes());
        WppMessage.CreateRefused r2 = (WppMessage.CreateRefused) message(0x2b, le().u32(0xAA64).utf16z("drv").u32(87)
                .bytes());
        ServiceCreateRefused event = (ServiceCreateRefused) PublicEvents.of(r);

        assertThat(r.serviceName()).isEqualTo("svc");
        assertThat(r.wowType()).isEqualTo(I386);
        assertThat(r.error()).isEqualTo(87);
        assertThat(r.clientPid()).as("the layout logs no PID").isZero();
        assertThat(event.client()).as("the client comes from the request on the same thread (correlator)")
                .isEqualTo(ClientProcess.unknown());
        assertThat(event.attributedBy()).isEqualTo(AttributionSource.NONE);
        assertThat(r.evidence()).isEqualTo(Evidence.PUBLIC_DECOMPILATION);
        assertThat(event.evidence()).isEqualTo(Evidence.PUBLIC_DECOMPILATION);
        assertThat(r2.wowType()).isEqualTo(0xAA64);
    }

    @Test
    void aConfigChangeNamesItsClient() {
        WppMessage.ConfigChange c = (WppMessage.ConfigChange) message(0x0b, le().utf16z("Spooler").u32(4936).bytes());

        assertThat(c.clientPid()).isEqualTo(4936);
        assertThat(c.serviceName()).isEqualTo("Spooler");
        assertThat(c.changes()).isEmpty();
        assertThat(((ServiceConfigChanged) PublicEvents.of(c)).corroborated()).isFalse();
    }

    @Test
    void a0x0bWithOnlyAnIntegerIsRStartServiceWsArgumentCheck() {
        WppMessage.Unknown u = unknown(0x0b, le().u32(4936).bytes());

        assertThat(u.reason()).contains("fits only DIAGNOSTIC: u32 argumentIndex").contains("reports no act");
    }

    @Test
    void aStartIsDecodedOnlyOnceItsSourceFileIsKnown() {
        byte[] start = le().utf16z("Spooler").u32(4936).bytes();

        WppMessage.Unknown before = unknown(0x0c, start);
        WppMessage.StartClientSid sid = (WppMessage.StartClientSid) message(0x0e, le().utf16z("Spooler")
                .utf16z("S-1-5-21-1004336348-1177238915-682003330-512").bytes());
        WppMessage.StartRequest after = (WppMessage.StartRequest) message(0x0c, start);
        WppMessage elsewhere = decoder.decode(wpp(OTHER_GUID, 0x0c, start)).orElseThrow();
        ServiceStartResult sidEvent = (ServiceStartResult) PublicEvents.of(sid);

        assertThat(before.reason()).contains("fits 3 candidate layouts, so none is trusted");
        assertThat(sid.clientSid()).isEqualTo("S-1-5-21-1004336348-1177238915-682003330-512");
        assertThat(sidEvent.clientSid()).contains("S-1-5-21-1004336348-1177238915-682003330-512");
        assertThat(sidEvent.error()).isZero();
        assertThat(sidEvent.serviceExitCode()).isZero();
        assertThat(decoder.learnedFileGuids()).containsEntry("91aecf8c", MESSAGE_GUID);
        assertThat(after.clientPid()).isEqualTo(4936);
        assertThat(after.serviceName()).isEqualTo("Spooler");
        assertThat(after.evidence()).isEqualTo(Evidence.PUBLIC_DECOMPILATION);
        assertThat(elsewhere).as("under another GUID, 0x0c is another file's message").isInstanceOf(
                WppMessage.Unknown.class);
        assertThat(((WppMessage.Unknown) elsewhere).reason()).doesNotContain("START_SERVICE");
    }

    @Test
    void aStartResultCarriesTheErrorAndTheServicesExitCode() {
        WppMessage.StartResult r = (WppMessage.StartResult) message(0x0d, le().utf16z("svc").u32(1053).u32(0)
                .bytes());
        ServiceStartResult event = (ServiceStartResult) PublicEvents.of(r);

        assertThat(r.error()).isEqualTo(1053);
        assertThat(r.serviceExitCode()).isZero();
        assertThat(event.clientSid()).isEmpty();
        assertThat(event.succeeded()).isFalse();
        assertThat(decoder.learnedFileGuids()).containsEntry("91aecf8c", MESSAGE_GUID);
    }

    @Test
    void aClientSidMustBeAStringSid() {
        WppMessage.Unknown u = unknown(0x0e, le().utf16z("svc").utf16z("Administrator").bytes());

        assertThat(u.reason()).contains("clientSid \"Administrator\" is not a string SID");
    }

    @Test
    void controlsReadThePointerAtTheRecordsSize() {
        byte[] p64 = le().u32(1).utf16z("Spooler").u32(4936).u64(0x0000_0200_1234_5678L).u64(42).bytes();
        byte[] p32 = le().u32(1).utf16z("Spooler").u32(4936).u32(0x1234_5678).u64(42).bytes();
        EventRecord r32 = wpp(MESSAGE_GUID, 0x72, p32).toBuilder()
                .flags(EventRecord.FLAG_TRACE_MESSAGE | EventRecord.FLAG_32_BIT_HEADER).build();

        for (int id : new int[] {0x70, 0x72, 0x73}) {
            WppMessage.Control c = (WppMessage.Control) message(id, p64);
            assertThat(c.controlCode()).isEqualTo(1);
            assertThat(c.serviceName()).isEqualTo("Spooler");
            assertThat(c.clientPid()).isEqualTo(4936);
        }
        assertThat(decoder.decode(r32).orElseThrow()).isInstanceOf(WppMessage.Control.class);
        assertThat(message(0x72, p32)).as("a 4-byte pointer in a 64-bit record does not fit")
                .isInstanceOf(WppMessage.Unknown.class);
    }

    @Test
    void aControlTheScmSendsItselfNamesNoClient() {
        WppMessage.Control c = (WppMessage.Control) message(0x73, le().u32(4).utf16z("Spooler").u32(0).u64(8).u64(9)
                .bytes());

        assertThat(c.clientPid()).isZero();
        assertThat(PublicEvents.of(c).client()).isEqualTo(ClientProcess.unknown());
        assertThat(((ServiceControlSent) PublicEvents.of(c)).control()).isEqualTo(4);
        assertThat(c.controlCode()).isEqualTo(4);
    }

    @Test
    void theInferredDeleteNumberIsOnlyACandidateReading() {
        WppMessage.Unknown u = unknown(0x50, le().utf16z("evilsvc").u32(0).u32(3556).bytes());

        assertThat(u.reason()).contains("UNCONFIRMED").contains("DELETE_SERVICE")
                .contains("{serviceName=evilsvc, error=0, clientPid=3556}");
        assertThat(PublicEvents.of(u).client()).isEqualTo(ClientProcess.unknown());
        assertThat(((UnknownScmMessage) PublicEvents.of(u)).reason()).isEqualTo(u.reason());
    }

    @Test
    void aCapturedDeleteLayoutGivesServiceDeletedWithItsError() {
        MessageTable t = MessageTable.of("calibrated", List.of("file 119db94a = {" + MESSAGE_GUID + "}",
                "0x50@119db94a = DELETE_SERVICE: utf16z serviceName, u32 error, u32 clientPid | capture | scm-calibrate"));

        WppMessage.Delete d = (WppMessage.Delete) new ScmWppDecoder(t).decode(wpp(MESSAGE_GUID, 0x50,
                le().utf16z("evilsvc").u32(0).u32(3556).bytes())).orElseThrow();

        assertThat(d.clientPid()).isEqualTo(3556);
        assertThat(d.error()).isEqualTo(OptionalInt.of(0));
        assertThat(d.evidence()).isEqualTo(Evidence.CAPTURE);
        assertThat(Optional.of(d).map(PublicEvents::of).map(e -> e.client().pid())).contains(3556);
    }
}
