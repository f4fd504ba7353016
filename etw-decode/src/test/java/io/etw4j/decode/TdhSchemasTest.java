package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.internal.win32.Tdh;
import io.etw4j.decode.internal.eventinfo.TeiBlob;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * TdhSchemas over a Java stand-in for tdh.dll: the stand-in reads the EVENT_RECORD it is given back from native memory
 * at the evntcons.h x64 offsets (notes §2.5-2.9, written here as literal numbers), answers with a TRACE_EVENT_INFO
 * built byte by byte ({@link TeiBlob}), asks for a bigger buffer first (ERROR_INSUFFICIENT_BUFFER, 122), and answers
 * ERROR_NOT_FOUND (1168) for events it does not know.
 */
class TdhSchemasTest {
    static final UUID PROVIDER = UUID.fromString("11111111-2222-3333-4444-555555555555");
    static final UUID ACTIVITY = UUID.fromString("aabbccdd-eeff-0011-2233-445566778899");

    /** What the stand-in saw in one EVENT_RECORD. */
    record Seen(int size, int flags, int eventProperty, int tid, int pid, long timeStamp, UUID provider, int id,
            int version, int channel, int level, int opcode, int task, long keyword, UUID activity, int processor,
            int extCount, byte[] userData, int extType0, byte[] extData0) {
    }

    static UUID guid(Pointer p, long off) {
        long msb = (p.getInt(off) & 0xFFFFFFFFL) << 32 | (p.getShort(off + 4) & 0xFFFFL) << 16
                | (p.getShort(off + 6) & 0xFFFFL);
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            lsb = lsb << 8 | (p.getByte(off + 8 + i) & 0xFF);
        }
        return new UUID(msb, lsb);
    }

    static final class StandIn implements Tdh {
        final byte[] info;
        final byte[] map;
        final List<Seen> seen = new ArrayList<>();
        final List<Integer> givenSizes = new ArrayList<>();
        final List<String> mapNames = new ArrayList<>();

        StandIn(byte[] info, byte[] map) {
            this.info = info;
            this.map = map;
        }

        @Override
        public int TdhGetEventInformation(Pointer ev, int count, Pointer ctx, Pointer buffer, IntByReference size) {
            assertThat(count).isZero();
            assertThat(ctx).isNull();
            Pointer ext = ev.getPointer(0x58);
            Pointer user = ev.getPointer(0x60);
            int extCount = ev.getShort(0x54) & 0xFFFF;
            int userLen = ev.getShort(0x56) & 0xFFFF;
            int extType0 = -1;
            byte[] extData0 = null;
            if (extCount > 0) {
                extType0 = ext.getShort(2) & 0xFFFF;
                extData0 = new Pointer(ext.getLong(8)).getByteArray(0, ext.getShort(6) & 0xFFFF);
            }
            seen.add(new Seen(ev.getShort(0) & 0xFFFF, ev.getShort(4) & 0xFFFF, ev.getShort(6) & 0xFFFF,
                    ev.getInt(8), ev.getInt(0xC), ev.getLong(0x10), guid(ev, 0x18), ev.getShort(0x28) & 0xFFFF,
                    ev.getByte(0x2A) & 0xFF, ev.getByte(0x2B) & 0xFF, ev.getByte(0x2C) & 0xFF,
                    ev.getByte(0x2D) & 0xFF, ev.getShort(0x2E) & 0xFFFF, ev.getLong(0x30), guid(ev, 0x40),
                    ev.getByte(0x50) & 0xFF, extCount, user == null ? new byte[0] : user.getByteArray(0, userLen),
                    extType0, extData0));
            givenSizes.add(size.getValue());
            if (ev.getShort(0x28) != 7) {
                return Tdh.ERROR_NOT_FOUND;
            }
            return fill(info, buffer, size);
        }

        @Override
        public int TdhGetEventMapInformation(Pointer ev, Pointer mapName, Pointer buffer, IntByReference size) {
            String name = readWide(mapName);
            mapNames.add(name);
            assertThat(ev.getShort(0x28)).isEqualTo((short) 7); // the same EVENT_RECORD
            return name.equals("KindMap") ? fill(map, buffer, size) : Tdh.ERROR_NOT_FOUND;
        }

        static String readWide(Pointer p) {
            int n = 0;
            while (p.getShort(2L * n) != 0) {
                n++;
            }
            return new String(p.getByteArray(0, 2 * n), StandardCharsets.UTF_16LE);
        }

        static int fill(byte[] b, Pointer buffer, IntByReference size) {
            if (buffer == null || size.getValue() < b.length) {
                size.setValue(b.length);
                return Tdh.ERROR_INSUFFICIENT_BUFFER;
            }
            buffer.write(0, b, 0, b.length);
            size.setValue(b.length);
            return Tdh.ERROR_SUCCESS;
        }

        /** Not called by the schema reader. */
        @Override
        public int TdhEnumerateProviders(Pointer buffer, IntByReference size) {
            throw new UnsupportedOperationException("TdhEnumerateProviders");
        }
    }

    static EventRecord record(int id, byte[] payload, List<ExtendedDataItem> items) {
        return EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(PROVIDER)
                .descriptor(new EventDescriptor(id, 1, 0x10, 4, 9, 0x1234, 0x8000000000000001L))
                .flags(EventRecord.FLAG_64_BIT_HEADER).eventProperty(0x8).processId(4242).threadId(77)
                .rawTimestamp(0x0123456789ABCDEFL).timestamp(Instant.EPOCH).activityId(ACTIVITY).processorNumber(5)
                .extendedData(items).payload(payload).build();
    }

    static StandIn standIn() {
        TeiBlob t = new TeiBlob();
        t.provider = PROVIDER;
        t.prop(0, "Kind", 8, 8, "KindMap", 1, 4).prop(0, "Name", 1, 1, "Missing", 1, 0);
        return new StandIn(t.bytes(), TeiBlob.map("KindMap", 1, List.of(2L), List.of("Two ")));
    }

    @Test
    void layoutsTheEventRecordAndParsesWhatTdhReturns() {
        StandIn tdh = standIn();
        TdhSchemas schemas = new TdhSchemas(tdh);
        byte[] payload = {2, 0, 0, 0, 'h', 0, 'i', 0, 0, 0};
        byte[] sid = {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0};
        EventRecord r = record(7, payload, List.of(new ExtendedDataItem(ExtendedDataItem.SID, sid)));
        DecodedEvent d = EventDecoder.builder().add(schemas).build().decode(r);

        assertThat(d.errors()).isEmpty();
        assertThat(d.schema().orElseThrow().origin()).isEqualTo(SchemaOrigin.TDH);
        assertThat(d.fields().get("Kind")).isEqualTo(new MappedValue(2, List.of("Two")));
        assertThat(d.fields()).containsEntry("Name", "hi");
        // KindMap twice: no buffer (122 with the size), then the buffer; Missing: ERROR_NOT_FOUND, no names
        assertThat(tdh.mapNames).containsExactly("KindMap", "KindMap", "Missing");

        assertThat(tdh.seen).hasSize(2); // first with no buffer, then the size asked for (the 122 retry)
        assertThat(tdh.givenSizes).containsExactly(0, tdh.info.length);
        Seen s = tdh.seen.get(1);
        assertThat(s.size()).isEqualTo(0x50);
        assertThat(s.flags()).isEqualTo(EventRecord.FLAG_64_BIT_HEADER | EventRecord.FLAG_EXTENDED_INFO);
        assertThat(s.eventProperty()).isEqualTo(0x8);
        assertThat(s.tid()).isEqualTo(77);
        assertThat(s.pid()).isEqualTo(4242);
        assertThat(s.timeStamp()).isEqualTo(0x0123456789ABCDEFL);
        assertThat(s.provider()).isEqualTo(PROVIDER);
        assertThat(List.of(s.id(), s.version(), s.channel(), s.level(), s.opcode(), s.task()))
                .containsExactly(7, 1, 0x10, 4, 9, 0x1234);
        assertThat(s.keyword()).isEqualTo(0x8000000000000001L);
        assertThat(s.activity()).isEqualTo(ACTIVITY);
        assertThat(s.processor()).isEqualTo(5);
        assertThat(s.userData()).containsExactly(payload);
        assertThat(s.extCount()).isEqualTo(1);
        assertThat(s.extType0()).isEqualTo(ExtendedDataItem.SID);
        assertThat(s.extData0()).containsExactly(sid);

        // cached per (provider, id, version): no second native call
        EventDecoder.builder().add(schemas).build().decode(r);
        assertThat(tdh.seen).hasSize(2);
        assertThat(schemas.cachedAnswers()).isEqualTo(1);
    }

    @Test
    void notFoundGivesEmptyAndIsCached() {
        StandIn tdh = standIn();
        TdhSchemas schemas = new TdhSchemas(tdh);
        EventRecord unknown = record(8, new byte[] {1}, List.of());
        assertThat(schemas.schemaFor(unknown)).isEmpty();
        assertThat(schemas.schemaFor(unknown)).isEmpty();
        assertThat(tdh.seen).hasSize(1);
        assertThat(tdh.seen.get(0).extCount()).isZero();
        assertThat(tdh.seen.get(0).flags() & EventRecord.FLAG_EXTENDED_INFO).isZero();
    }

    @Test
    void wppRecordsAreNotAsked() {
        StandIn tdh = standIn();
        EventRecord wpp = record(7, new byte[4], List.of()).toBuilder().headerKind(HeaderKind.MESSAGE)
                .flags(EventRecord.FLAG_TRACE_MESSAGE).build();
        assertThat(new TdhSchemas(tdh).schemaFor(wpp)).isEmpty();
        assertThat(tdh.seen).isEmpty();
    }

    @Test
    void aBufferSizeThatNeverSettlesGivesEmpty() {
        Tdh greedy = new Tdh() {
            int asks;

            @Override
            public int TdhGetEventInformation(Pointer ev, int c, Pointer ctx, Pointer buffer, IntByReference size) {
                size.setValue(1000 + 100 * asks++);
                return Tdh.ERROR_INSUFFICIENT_BUFFER;
            }

            @Override
            public int TdhGetEventMapInformation(Pointer ev, Pointer n, Pointer buffer, IntByReference size) {
                return Tdh.ERROR_NOT_FOUND;
            }

            /** Not called by the schema reader. */
            @Override
            public int TdhEnumerateProviders(Pointer buffer, IntByReference size) {
                throw new UnsupportedOperationException("TdhEnumerateProviders");
            }
        };
        assertThat(new TdhSchemas(greedy).schemaFor(record(7, new byte[4], List.of()))).isEmpty();
    }

    @Test
    void offWindowsConstructingItThrowsUnsupportedPlatform() {
        Assumptions.assumeFalse(Platform.isWindows(), "runs where tdh.dll does not exist");
        assertThatThrownBy(TdhSchemas::create).isInstanceOf(UnsupportedPlatformException.class)
                .hasMessageContaining("tdh.dll");
    }
}
