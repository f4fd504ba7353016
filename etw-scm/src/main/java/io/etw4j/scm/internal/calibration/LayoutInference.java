package io.etw4j.scm.internal.calibration;

import io.etw4j.scm.Evidence;
import io.etw4j.scm.calibration.CalibrationAct;
import io.etw4j.scm.internal.wpp.FieldSpec;
import io.etw4j.scm.internal.wpp.FieldType;
import io.etw4j.scm.internal.wpp.MessageEntry;
import io.etw4j.scm.internal.wpp.MessageFields;
import io.etw4j.scm.internal.wpp.MessageKind;
import io.etw4j.scm.internal.wpp.MessageTable;
import io.etw4j.scm.internal.wpp.ScmWppDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the layout of one SCM WPP record that a calibration act caused: first the shipped table's layouts for its
 * number (one that fits exactly and agrees with the run's facts is taken), else a left-to-right reading of the payload
 * against the run's facts (service name, own PID, binary path, the act's result and control code). Every name given
 * to a field from its value alone (wowType, error, controlCode, serviceExitCode, clientSid, imagePath, context,
 * sequence) is an inference from the run's facts, labelled as such by the origin "inferred". Stateless; thread-safe.
 */
final class LayoutInference {
    /** Fewest code units of a string that is not the service name (a shorter run is more likely a number). */
    static final int MIN_OTHER_STRING_CHARS = 2;

    private final CalibrationSpec spec;
    private final MessageTable shipped;
    private final byte[] nameZ;

    LayoutInference(CalibrationSpec spec, MessageTable shipped) {
        this.spec = spec;
        this.shipped = shipped;
        this.nameZ = utf16z(spec.serviceName());
    }

    /** The bytes of {@code s} as UTF-16LE with a 2-byte NUL. */
    static byte[] utf16z(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
        byte[] z = new byte[b.length + 2];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }

    /** The result of reading one record: a layout, or why there is none. */
    record Outcome(Optional<InferredLayout> layout, String reason) {
        static Outcome of(InferredLayout l, String reason) {
            return new Outcome(Optional.of(l), reason);
        }

        static Outcome none(String reason) {
            return new Outcome(Optional.empty(), reason);
        }
    }

    /** The layout of {@code payload}, a record of message {@code id}, caused by {@code act}. */
    Outcome read(int id, UUID guid, byte[] payload, int pointerSize, CalibrationAct act) {
        Optional<InferredLayout> hint = shippedLayout(id, guid, payload, pointerSize, act);
        if (hint.isPresent()) {
            return Outcome.of(hint.get(), "fits the shipped layout " + hint.get().origin());
        }
        return infer(id, guid, payload, pointerSize, act);
    }

    /**
     * The shipped layout for {@code id} (under any pin or file tag) if exactly one distinct layout fits the payload
     * exactly and agrees with the run: it names the service, every 4-byte value equal to the run's PID is its
     * clientPid, and its kind is the kind the act and its fields give.
     */
    private Optional<InferredLayout> shippedLayout(int id, UUID guid, byte[] payload, int pointerSize,
            CalibrationAct act) {
        Map<String, InferredLayout> agreeing = new LinkedHashMap<>();
        for (MessageEntry e : shipped.entries()) {
            if (e.id() != id) {
                continue;
            }
            Optional<Map<String, Object>> values = ScmWppDecoder.readFields(payload, pointerSize, e);
            if (values.isEmpty() || !spec.serviceName().equals(values.get().get(MessageFields.SERVICE_NAME))) {
                continue;
            }
            boolean agrees = true;
            for (FieldSpec f : e.fields()) {
                Object v = values.get().get(f.name());
                boolean isPid = f.name().equals(MessageFields.CLIENT_PID);
                if (f.type() == FieldType.U32 && Long.valueOf(spec.clientPid()).equals(v) != isPid) {
                    agrees = false;
                }
            }
            List<String> names = e.fields().stream().map(FieldSpec::name).toList();
            if (!agrees || kindFor(act.kind(), names) != e.kind()) {
                continue;
            }
            String origin = "shipped layout " + e.origin() + " (" + MessageTable.evidenceToken(e.evidence()) + ")";
            InferredLayout l = new InferredLayout(e.fields(), e.kind(), origin, e.file());
            InferredLayout earlier = agreeing.putIfAbsent(l.layoutText(), l);
            if (earlier != null && !earlier.file().equals(l.file())) {
                // the same layout in two files: keep it, but it names no file
                agreeing.put(l.layoutText(), new InferredLayout(l.fields(), l.kind(), l.origin(), Optional.empty()));
            }
        }
        return agreeing.size() == 1 ? Optional.of(agreeing.values().iterator().next()) : Optional.empty();
    }

    /** Reads the payload left to right against the run's facts. */
    private Outcome infer(int id, UUID guid, byte[] p, int pointerSize, CalibrationAct act) {
        List<FieldSpec> fields = new ArrayList<>();
        List<Long> otherValues = new ArrayList<>();
        int texts = 0;
        int values = 0;
        int pos = 0;
        while (pos < p.length) {
            int left = p.length - pos;
            if (!has(fields, MessageFields.SERVICE_NAME) && startsWith(p, pos, nameZ)) {
                fields.add(new FieldSpec(FieldType.UTF16Z, MessageFields.SERVICE_NAME));
                pos += nameZ.length;
                continue;
            }
            boolean afterPid = has(fields, MessageFields.CLIENT_PID);
            if (act.kind() == CalibrationAct.Kind.CONTROL && afterPid) {
                // ScSendControl logs a pointer and a 64-bit sequence after the PID (public decompilation: LSLqi).
                if (!has(fields, "context") && left >= pointerSize && (left - pointerSize) % 8 == 0) {
                    fields.add(new FieldSpec(FieldType.PTR, "context"));
                    pos += pointerSize;
                    continue;
                }
                if (has(fields, "context") && left >= 8 && left % 8 == 0) {
                    fields.add(new FieldSpec(FieldType.U64, has(fields, "sequence") ? "value" + (++values)
                            : "sequence"));
                    pos += 8;
                    continue;
                }
            }
            if (left >= 4) {
                long v = u32(p, pos);
                String name = knownValueName(v, fields, act);
                if (name != null) {
                    fields.add(new FieldSpec(FieldType.U32, name));
                    pos += 4;
                    continue;
                }
            }
            int end = stringEnd(p, pos);
            if (end >= 0) {
                String s = new String(p, pos, end - pos, StandardCharsets.UTF_16LE);
                String name;
                if (!has(fields, MessageFields.CLIENT_SID)
                        && MessageFields.check(MessageFields.CLIENT_SID, s, MessageFields.PidRule.REAL_PID) == null) {
                    name = MessageFields.CLIENT_SID;
                } else if (!has(fields, MessageFields.IMAGE_PATH) && spec.imagePath().map(s::equals).orElse(false)) {
                    name = MessageFields.IMAGE_PATH;
                } else {
                    name = "text" + (++texts);
                }
                fields.add(new FieldSpec(FieldType.UTF16Z, name));
                pos = end + 2;
                continue;
            }
            if (left >= 4) {
                if (act.kind() == CalibrationAct.Kind.START && has(fields, MessageFields.ERROR)
                        && !has(fields, MessageFields.SERVICE_EXIT_CODE)) {
                    fields.add(new FieldSpec(FieldType.U32, MessageFields.SERVICE_EXIT_CODE));
                } else {
                    fields.add(new FieldSpec(FieldType.U32, "value" + (++values)));
                    otherValues.add(u32(p, pos));
                }
                pos += 4;
                continue;
            }
            if (left == 2) {
                fields.add(new FieldSpec(FieldType.U16, "value" + (++values)));
                pos += 2;
                continue;
            }
            return Outcome.none("1 byte left at offset " + pos + " that no field type covers");
        }
        if (!has(fields, MessageFields.SERVICE_NAME)) {
            return Outcome.none("the service name is in the payload but not where a field starts");
        }
        List<String> names = fields.stream().map(FieldSpec::name).toList();
        MessageKind kind = kindFor(act.kind(), names);
        if (!has(fields, MessageFields.CLIENT_PID)) {
            for (long v : otherValues) {
                if (MessageFields.isPlausiblePid(v)) {
                    return Outcome.none("names the service next to " + v + ", a plausible PID that is not this "
                            + "process's (" + spec.clientPid() + "): perhaps another process's request; not learned");
                }
            }
        }
        InferredLayout layout = new InferredLayout(fields, kind, "inferred", Optional.empty());
        // The entry must decode the very record it was learned from, with the decoder's own rules.
        MessageEntry check = new MessageEntry(id, Optional.of(guid), Optional.empty(), kind, fields,
                Evidence.CAPTURE, false, "calibration", "calibration");
        if (ScmWppDecoder.readFields(p, pointerSize, check).isEmpty()) {
            return Outcome.none("read as " + layout.layoutText() + ", but the decoder would not accept that reading "
                    + "(a field's value is implausible for its name)");
        }
        return Outcome.of(layout, "inferred from the payload and the run's facts");
    }

    /** The name a 4-byte value gets from the run's facts alone, or null. */
    private String knownValueName(long v, List<FieldSpec> fields, CalibrationAct act) {
        if (!has(fields, MessageFields.CLIENT_PID) && v == spec.clientPid()) {
            return MessageFields.CLIENT_PID;
        }
        if (act.kind() == CalibrationAct.Kind.CONTROL && !has(fields, MessageFields.CONTROL_CODE)
                && act.controlCode().isPresent() && v == act.controlCode().getAsInt()) {
            return MessageFields.CONTROL_CODE;
        }
        if (act.kind() == CalibrationAct.Kind.CREATE && !has(fields, MessageFields.WOW_TYPE)
                && MessageFields.WOW_TYPES.contains(v)) {
            return MessageFields.WOW_TYPE;
        }
        if (!has(fields, MessageFields.ERROR) && v == Integer.toUnsignedLong(act.resultCode())) {
            return MessageFields.ERROR;
        }
        return null;
    }

    /**
     * The kind an act's record with these field names reports (see {@link io.etw4j.scm.calibration.ScmCalibration}); DIAGNOSTIC
     * for a record that does not name the run as the client of that act.
     */
    static MessageKind kindFor(CalibrationAct.Kind act, List<String> names) {
        Set<String> n = Set.copyOf(names);
        if (!n.contains(MessageFields.SERVICE_NAME)) {
            return MessageKind.DIAGNOSTIC;
        }
        boolean pid = n.contains(MessageFields.CLIENT_PID);
        switch (act) {
            case CREATE:
                return pid ? MessageKind.CREATE_SERVICE : MessageKind.DIAGNOSTIC;
            case CHANGE_CONFIG:
            case CHANGE_CONFIG2:
                return pid ? MessageKind.CHANGE_CONFIG : MessageKind.DIAGNOSTIC;
            case START:
                if (pid) {
                    return MessageKind.START_SERVICE;
                }
                if (n.contains(MessageFields.ERROR) && n.contains(MessageFields.SERVICE_EXIT_CODE)) {
                    return MessageKind.START_RESULT;
                }
                return n.contains(MessageFields.CLIENT_SID) ? MessageKind.START_CLIENT_SID : MessageKind.DIAGNOSTIC;
            case CONTROL:
                return pid && n.contains(MessageFields.CONTROL_CODE) ? MessageKind.CONTROL_SERVICE
                        : MessageKind.DIAGNOSTIC;
            case DELETE:
                return pid ? MessageKind.DELETE_SERVICE : MessageKind.DIAGNOSTIC;
            default:
                return MessageKind.DIAGNOSTIC;
        }
    }

    /** True if {@code p} holds {@code needle} at some offset (any byte offset: WPP does not align). */
    static boolean contains(byte[] p, byte[] needle) {
        for (int i = 0; i + needle.length <= p.length; i++) {
            if (startsWith(p, i, needle)) {
                return true;
            }
        }
        return false;
    }

    /** True if some 4 bytes of {@code p} at any offset are {@code v} little-endian. */
    static boolean containsU32(byte[] p, long v) {
        for (int i = 0; i + 4 <= p.length; i++) {
            if (u32(p, i) == v) {
                return true;
            }
        }
        return false;
    }

    /**
     * The offset of the NUL ending a string of at least {@link #MIN_OTHER_STRING_CHARS} printable UTF-16LE code units
     * at {@code pos}, or -1.
     */
    private static int stringEnd(byte[] p, int pos) {
        int i = pos;
        while (i + 1 < p.length) {
            char c = (char) ((p[i] & 0xFF) | (p[i + 1] & 0xFF) << 8);
            if (c == 0) {
                return (i - pos) / 2 >= MIN_OTHER_STRING_CHARS ? i : -1;
            }
            if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c > 0xFFFD) {
                return -1;
            }
            i += 2;
        }
        return -1;
    }

    private static boolean startsWith(byte[] p, int pos, byte[] needle) {
        if (p.length - pos < needle.length) {
            return false;
        }
        for (int i = 0; i < needle.length; i++) {
            if (p[pos + i] != needle[i]) {
                return false;
            }
        }
        return true;
    }

    private static long u32(byte[] p, int pos) {
        return (p[pos] & 0xFFL) | (p[pos + 1] & 0xFFL) << 8 | (p[pos + 2] & 0xFFL) << 16 | (p[pos + 3] & 0xFFL) << 24;
    }

    private static boolean has(List<FieldSpec> fields, String name) {
        return fields.stream().anyMatch(f -> f.name().equals(name));
    }
}
