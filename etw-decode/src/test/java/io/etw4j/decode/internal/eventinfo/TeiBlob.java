package io.etw4j.decode.internal.eventinfo;

import io.etw4j.core.testing.LeBytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Test helper: builds TRACE_EVENT_INFO and EVENT_MAP_INFO blobs byte by byte from the tdh.h field lists (offsets
 * written as literal numbers here, independent of {@link TdhLayout}): a 112-byte header (ProviderGuid@0,
 * EventGuid@16, EventDescriptor@32, DecodingSource@48, ProviderNameOffset@52, LevelNameOffset@56,
 * ChannelNameOffset@60, KeywordsNameOffset@64, TaskNameOffset@68, OpcodeNameOffset@72, EventMessageOffset@76,
 * ProviderMessageOffset@80, BinaryXMLOffset@84, BinaryXMLSize@88, EventNameOffset@92, EventAttributesOffset@96,
 * PropertyCount@100, TopLevelPropertyCount@104, Flags@108), 24-byte EVENT_PROPERTY_INFOs from 112 (Flags@0,
 * NameOffset@4, InType|StructStartIndex@8, OutType|NumOfStructMembers@10, MapNameOffset@12,
 * count|countPropertyIndex@16, length|lengthPropertyIndex@18, Reserved@20), then the strings.
 */
public final class TeiBlob {
    /** One EVENT_PROPERTY_INFO. */
    public record Prop(int flags, String name, int inTypeOrStart, int outTypeOrMembers, String mapName, int count,
            int length) {
    }

    public UUID provider = UUID.fromString("11111111-2222-3333-4444-555555555555");
    public UUID eventGuid = new UUID(0, 0);
    public int id = 7;
    public int version = 1;
    public int opcode = 0;
    public int decodingSource = 0;
    public String providerName = "Test-Provider";
    public String taskName = "Task";
    public String opcodeName = "Info";
    public String levelName = "Information ";
    public String eventName = "TheEvent";
    public List<String> keywords = List.of();
    public int topLevel = -1;
    public final List<Prop> props = new ArrayList<>();

    public TeiBlob prop(int flags, String name, int inType, int outType, String map, int count, int length) {
        props.add(new Prop(flags, name, inType, outType, map, count, length));
        return this;
    }

    public byte[] bytes() {
        int stringsAt = 112 + 24 * props.size();
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(stringsAt).order(ByteOrder.LITTLE_ENDIAN);
        guid(h, 0, provider);
        guid(h, 16, eventGuid);
        h.putShort(32, (short) id).put(34, (byte) version).put(35, (byte) 0).put(36, (byte) 4).put(37, (byte) opcode)
                .putShort(38, (short) 3).putLong(40, 0x8000000000000000L);
        h.putInt(48, decodingSource);
        h.putInt(52, str(strings, stringsAt, providerName));
        h.putInt(56, str(strings, stringsAt, levelName));
        h.putInt(68, str(strings, stringsAt, taskName));
        h.putInt(72, str(strings, stringsAt, opcodeName));
        h.putInt(92, str(strings, stringsAt, eventName));
        if (!keywords.isEmpty()) {
            h.putInt(64, stringsAt + strings.size());
            for (String k : keywords) {
                strings.writeBytes((k + "\0").getBytes(StandardCharsets.UTF_16LE));
            }
            strings.writeBytes(new byte[] {0, 0});
        }
        h.putInt(100, props.size());
        h.putInt(104, topLevel < 0 ? props.size() : topLevel);
        for (int i = 0; i < props.size(); i++) {
            Prop p = props.get(i);
            int e = 112 + 24 * i;
            h.putInt(e, p.flags());
            h.putInt(e + 4, str(strings, stringsAt, p.name()));
            h.putShort(e + 8, (short) p.inTypeOrStart());
            h.putShort(e + 10, (short) p.outTypeOrMembers());
            h.putInt(e + 12, str(strings, stringsAt, p.mapName()));
            h.putShort(e + 16, (short) p.count());
            h.putShort(e + 18, (short) p.length());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(strings.toByteArray());
        return out.toByteArray();
    }

    /** An EVENT_MAP_INFO with ULONG values: NameOffset@0, Flag@4, EntryCount@8, MapEntryValueType@12 (0 = ULONG), entries {OutputOffset, Value}@16. */
    public static byte[] map(String name, int flag, List<Long> values, List<String> names) {
        int stringsAt = 16 + 8 * values.size();
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(stringsAt).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, str(strings, stringsAt, name));
        h.putInt(4, flag);
        h.putInt(8, values.size());
        h.putInt(12, 0);
        for (int i = 0; i < values.size(); i++) {
            h.putInt(16 + 8 * i, str(strings, stringsAt, names.get(i)));
            h.putInt(20 + 8 * i, (int) (long) values.get(i));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(strings.toByteArray());
        return out.toByteArray();
    }

    private static int str(ByteArrayOutputStream strings, int base, String s) {
        if (s == null) {
            return 0;
        }
        int off = base + strings.size();
        strings.writeBytes((s + "\0").getBytes(StandardCharsets.UTF_16LE));
        return off;
    }

    static void guid(ByteBuffer b, int off, UUID u) {
        b.put(off, LeBytes.guidBytes(u));
    }
}
