package io.etw4j.scm.internal.kernel;

import io.etw4j.core.EventRecord;
import io.etw4j.core.SecurityIdentifier;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.scm.internal.manifest.FieldReader;
import io.etw4j.scm.internal.manifest.ShippedManifests;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads Microsoft-Windows-Kernel-Process ProcessStart, ProcessStop, ProcessRundown and ImageLoad records through
 * etw-scm's shipped manifest ({@link ShippedManifests}) and adapts the decoded fields to {@link KernelProcessRecord}s.
 * The layouts are the manifest's (its header comment cites the published field lists); this class only names the
 * fields a version carries. Stateless and thread-safe.
 *
 * <p>Strict: a version the manifest does not declare, a payload that ends early, or bytes left after the last field
 * give {@link KernelProcessRecord.Undecodable}, never a guessed field (see {@link ShippedManifests} for why an
 * unknown version is never read as a prefix of a known one). The correlator counts each undecodable record per
 * (event id, version) and logs each pair once, so that the manifest can be extended from a dump of the new build's.
 */
public final class KernelProcessRecords {
    private final ShippedManifests manifests;

    /** Reads through {@link ShippedManifests#shared()}. */
    public KernelProcessRecords() {
        this(ShippedManifests.shared());
    }

    /** Reads through {@code manifests}. */
    public KernelProcessRecords(ShippedManifests manifests) {
        this.manifests = manifests;
    }

    /** True if {@code id} is one of the Kernel-Process events read here. */
    public static boolean handles(int id) {
        return id == KernelProcessProvider.PROCESS_START || id == KernelProcessProvider.PROCESS_STOP
                || id == KernelProcessProvider.IMAGE_LOAD || id == KernelProcessProvider.PROCESS_RUNDOWN;
    }

    /**
     * Reads {@code record} if it is a Kernel-Process event handled here.
     *
     * @return empty if the record is from another provider or is another Kernel-Process event (threads, priorities,
     *         ...); otherwise the typed record or {@link KernelProcessRecord.Undecodable}
     */
    public Optional<KernelProcessRecord> decode(EventRecord record) {
        if (!KernelProcessProvider.GUID.equals(record.providerId()) || !handles(record.id())) {
            return Optional.empty();
        }
        return Optional.of(from(manifests.decode(record)));
    }

    /** The typed record of a decoded Kernel-Process ProcessStart, ProcessStop, ProcessRundown or ImageLoad event. */
    public static KernelProcessRecord from(DecodedEvent decoded) {
        EventRecord rec = decoded.record();
        int id = rec.id();
        int version = rec.descriptor().version();
        FieldReader f = FieldReader.of(decoded);
        Optional<String> problem = f.problem("Kernel-Process");
        if (problem.isPresent()) {
            return new KernelProcessRecord.Undecodable(id, version, problem.get(), rec);
        }
        try {
            if (id == KernelProcessProvider.PROCESS_START || id == KernelProcessProvider.PROCESS_RUNDOWN) {
                return processStart(f, id == KernelProcessProvider.PROCESS_RUNDOWN, rec);
            } else if (id == KernelProcessProvider.PROCESS_STOP) {
                return new KernelProcessRecord.ProcessStop((int) f.u32("ProcessID"),
                        f.optionalLong("ProcessSequenceNumber"), f.time("CreateTime"), f.time("ExitTime"),
                        f.u32("ExitCode"), f.string("ImageName"), rec);
            } else if (id == KernelProcessProvider.IMAGE_LOAD) {
                return new KernelProcessRecord.ImageLoad(f.u64("ImageBase"), f.u64("ImageSize"),
                        (int) f.u32("ProcessID"), f.u32("ImageCheckSum"), f.u32("TimeDateStamp"),
                        f.u64("DefaultBase"), f.string("ImageName"), rec);
            }
            return new KernelProcessRecord.Undecodable(id, version, "Kernel-Process event " + id
                    + " is not read by etw-scm", rec);
        } catch (FieldReader.MissingField e) {
            return new KernelProcessRecord.Undecodable(id, version, e.getMessage(), rec);
        }
    }

    private static KernelProcessRecord processStart(FieldReader f, boolean rundown, EventRecord rec) {
        OptionalLong machine = f.optionalLong("ProcessMachine");
        return new KernelProcessRecord.ProcessStart((int) f.u32("ProcessID"), f.optionalLong("ProcessSequenceNumber"),
                f.time("CreateTime"), (int) f.u32("ParentProcessID"), f.optionalLong("ParentProcessSequenceNumber"),
                f.u32("SessionID"), f.optionalLong("Flags"), f.optionalLong("ProcessTokenElevationType"),
                f.optionalLong("ProcessTokenIsElevated"), f.optional("MandatoryLabel", SecurityIdentifier.class),
                f.string("ImageName"), f.optionalLong("ImageChecksum"), f.optionalLong("TimeDateStamp"),
                f.optional("PackageFullName", String.class), f.optional("PackageRelativeAppId", String.class),
                f.optionalLong("SecurityMitigations"), f.optionalLong("PartitionID"),
                machine.isPresent() ? OptionalInt.of((int) machine.getAsLong()) : OptionalInt.empty(), rundown, rec);
    }
}
