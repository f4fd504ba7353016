package io.etw4j.scm.internal.services;

import io.etw4j.core.EventRecord;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.scm.internal.manifest.FieldReader;
import io.etw4j.scm.internal.manifest.ShippedManifests;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Reads Microsoft-Windows-Services events 105 and 200-205 through etw-scm's shipped manifest
 * ({@link ShippedManifests}) and adapts the decoded fields to {@link ServicesRecord}s. The layouts are the manifest's
 * (its header comment cites the published field lists); this class only names the fields. Stateless and thread-safe.
 *
 * <p>Every handled event is declared only as version 0; another version, a payload that ends early or bytes left
 * after the last field give {@link ServicesRecord.Undecodable}, never a guessed field.
 */
public final class ServicesRecords {
    private final ShippedManifests manifests;

    /** Reads through {@link ShippedManifests#shared()}. */
    public ServicesRecords() {
        this(ShippedManifests.shared());
    }

    /** Reads through {@code manifests}. */
    public ServicesRecords(ShippedManifests manifests) {
        this.manifests = manifests;
    }

    /** True if {@code id} is one of the Microsoft-Windows-Services events read here (105, 200-205). */
    public static boolean handles(int id) {
        return id == ServicesProvider.SERVICE_STATUS_CHANGE
                || (id >= ServicesProvider.SEND_CONTROL && id <= ServicesProvider.SERVICE_START_205);
    }

    /**
     * Reads {@code record} if it is a Microsoft-Windows-Services event handled here.
     *
     * @return empty for other providers and for the unhandled events (101-104, 106-109); otherwise the typed record
     *         or {@link ServicesRecord.Undecodable}
     */
    public Optional<ServicesRecord> decode(EventRecord record) {
        if (!ServicesProvider.GUID.equals(record.providerId()) || !handles(record.id())) {
            return Optional.empty();
        }
        return Optional.of(from(manifests.decode(record)));
    }

    /** The typed record of a decoded Microsoft-Windows-Services event 105 or 200-205. */
    public static ServicesRecord from(DecodedEvent decoded) {
        EventRecord rec = decoded.record();
        int id = rec.id();
        int version = rec.descriptor().version();
        FieldReader f = FieldReader.of(decoded);
        Optional<String> problem = f.problem("Microsoft-Windows-Services");
        if (problem.isPresent()) {
            return new ServicesRecord.Undecodable(id, version, problem.get(), rec);
        }
        try {
            return typed(id, f, rec);
        } catch (FieldReader.MissingField e) {
            return new ServicesRecord.Undecodable(id, version, e.getMessage(), rec);
        }
    }

    private static ServicesRecord typed(int id, FieldReader f, EventRecord rec) {
        if (id == ServicesProvider.SERVICE_STATUS_CHANGE) {
            return new ServicesRecord.StatusChange(f.u32("ExecutionPhase"), f.u32("CurrentState"),
                    f.u32("StartType"), (int) f.u32("PID"), f.string("ServiceName"), f.string("ImageName"), rec);
        }
        String name = f.string("ServiceName");
        if (id == ServicesProvider.SEND_CONTROL) {
            return new ServicesRecord.SendControl(name, f.string("DisplayName"), f.u32("ControlCode"), client(f),
                    rec);
        }
        LinkedHashMap<String, String> fields = new LinkedHashMap<>(); // handed over, frozen without a copy
        if (id == ServicesProvider.CONFIG_CHANGE_START_TYPE) {
            fields.put("NewStartType", Long.toString(f.u32("NewStartType")));
            return new ServicesRecord.ConfigChange(name, FrozenFields.adopt(fields), client(f), rec);
        }
        if (id == ServicesProvider.CONFIG_CHANGE_202 || id == ServicesProvider.CONFIG_CHANGE_203) {
            fields.put("NewValueName", f.string("NewValueName"));
            return new ServicesRecord.ConfigChange(name, FrozenFields.adopt(fields), client(f), rec);
        }
        if (id == ServicesProvider.SERVICE_START) {
            fields.put("ServiceHostName", f.string("ServiceHostName"));
        } else {
            fields.put("LoadOrderGroup", f.string("LoadOrderGroup"));
            fields.put("SvchostGroup", f.string("SvchostGroup"));
            fields.put("IsCritical", Boolean.toString(f.bool("IsCritical")));
            fields.put("IsUserService", Boolean.toString(f.bool("IsUserService")));
            fields.put("IsOwnProcess", Boolean.toString(f.bool("IsOwnProcess")));
        }
        return new ServicesRecord.ServiceStart(name, FrozenFields.adopt(fields), client(f), rec);
    }

    private static ServicesRecord.Client client(FieldReader f) {
        return new ServicesRecord.Client(f.u64("ClientProcessStartKey"), (int) f.u32("ClientProcessId"),
                (int) f.u32("ParentProcessId"));
    }
}
