package io.etw4j.json.internal;

import io.etw4j.core.EventRecord;
import io.etw4j.decode.DecodedEvent;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * What a record is in ECS and OCSF terms: a process start or end, an image (module) load or unload, or another
 * event. Recognised, by provider and descriptor:
 *
 * <ul>
 *   <li>the kernel's Process class {3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c} (evntrace.h ProcessGuid), opcodes 1 Start,
 *       3 DCStart (start) and 2 End, 4 DCEnd (end), with the MOF fields ProcessId, ParentId, ImageFileName,
 *       CommandLine (kernel-trace.mof, Process_V*_TypeGroup1);</li>
 *   <li>the kernel's Image class {2cb15d1d-5fc1-11d2-abe1-00a0c911f518} (evntrace.h ImageLoadGuid), opcodes 10 Load,
 *       3 DCStart (load) and 2 UnLoad, 4 DCEnd (unload), fields ProcessId, FileName (Image_Load);</li>
 *   <li>Microsoft-Windows-Kernel-Process {22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716} events 1 ProcessStart, 2 ProcessStop,
 *       5 ImageLoad, 6 ImageUnload (its manifest), fields ProcessID, ParentProcessID, ImageName.</li>
 * </ul>
 *
 * Field values are read from the decoded event, so a record that did not decode is "other". Immutable.
 */
record RecordAct(Kind kind, OptionalLong pid, OptionalLong parentPid, Optional<String> image,
        Optional<String> commandLine) {
    enum Kind { PROCESS_START, PROCESS_END, IMAGE_LOAD, IMAGE_UNLOAD, OTHER }

    static final UUID KERNEL_PROCESS_CLASS = UUID.fromString("3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c");
    static final UUID KERNEL_IMAGE_CLASS = UUID.fromString("2cb15d1d-5fc1-11d2-abe1-00a0c911f518");
    static final UUID KERNEL_PROCESS_PROVIDER = UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716");

    static RecordAct of(EventRecord r, DecodedEvent d) {
        if (d == null || !d.isDecoded()) {
            return other();
        }
        UUID p = r.providerId();
        int opcode = r.descriptor().opcode();
        int id = r.descriptor().id();
        Kind k = Kind.OTHER;
        if (p.equals(KERNEL_PROCESS_CLASS)) {
            k = opcode == 1 || opcode == 3 ? Kind.PROCESS_START : opcode == 2 || opcode == 4 ? Kind.PROCESS_END : k;
        } else if (p.equals(KERNEL_IMAGE_CLASS)) {
            k = opcode == 10 || opcode == 3 ? Kind.IMAGE_LOAD : opcode == 2 || opcode == 4 ? Kind.IMAGE_UNLOAD : k;
        } else if (p.equals(KERNEL_PROCESS_PROVIDER)) {
            k = id == 1 ? Kind.PROCESS_START : id == 2 ? Kind.PROCESS_END : id == 5 ? Kind.IMAGE_LOAD
                    : id == 6 ? Kind.IMAGE_UNLOAD : k;
        }
        if (k == Kind.OTHER) {
            return other();
        }
        boolean image = k == Kind.IMAGE_LOAD || k == Kind.IMAGE_UNLOAD;
        return new RecordAct(k, number(d, "ProcessId", "ProcessID"), number(d, "ParentId", "ParentProcessID"),
                text(d, image ? "FileName" : "ImageFileName", "ImageName"), text(d, "CommandLine", "CommandLine"));
    }

    private static RecordAct other() {
        return new RecordAct(Kind.OTHER, OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
                Optional.empty());
    }

    private static OptionalLong number(DecodedEvent d, String a, String b) {
        Object v = d.field(a).orElseGet(() -> d.field(b).orElse(null));
        return v instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    private static Optional<String> text(DecodedEvent d, String a, String b) {
        Object v = d.field(a).orElseGet(() -> d.field(b).orElse(null));
        return v instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
    }
}
