package io.etw4j.scm.internal.services;

import io.etw4j.core.EventRecord;
import io.etw4j.core.PayloadException;
import io.etw4j.core.PayloadReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes Microsoft-Windows-Services events 105 and 200-205 in pure Java from the field lists the provider's manifest
 * publishes (no TDH). Stateless and thread-safe.
 *
 * <p>Every handled event is published only as version 0; another version, a payload that ends early or bytes left
 * after the last field give {@link ServicesRecord.Undecodable}, never a guessed field.
 *
 * <p>Layouts, from the manifest dump cited in {@link ServicesProvider} (UnicodeString = NUL-terminated UTF-16LE;
 * win:Boolean is 4 bytes, tdh.h "TDH_INTYPE_BOOLEAN, field size is 4 bytes"):
 * <pre>
 * 105 ServiceStatusChange v0  ExecutionPhase[u32] CurrentState[u32] StartType[u32] PID[u32] ServiceName[sz]
 *                             ImageName[sz]
 * 200 SendControl v0          ServiceName[sz] DisplayName[sz] ControlCode[u32] ClientProcessStartKey[u64]
 *                             ClientProcessId[u32] ParentProcessId[u32]
 * 201 ServiceConfigChange v0  ServiceName[sz] NewStartType[u32] ClientProcessStartKey[u64] ClientProcessId[u32]
 *                             ParentProcessId[u32]
 * 202, 203 v0                 ServiceName[sz] NewValueName[sz] ClientProcessStartKey[u64] ClientProcessId[u32]
 *                             ParentProcessId[u32]
 * 204 ServiceStart v0         ServiceName[sz] ServiceHostName[sz] ClientProcessStartKey[u64] ClientProcessId[u32]
 *                             ParentProcessId[u32]
 * 205 ServiceStart205 v0      ServiceName[sz] LoadOrderGroup[sz] SvchostGroup[sz] IsCritical[Boolean]
 *                             IsUserService[Boolean] IsOwnProcess[Boolean] ClientProcessStartKey[u64]
 *                             ClientProcessId[u32] ParentProcessId[u32]
 * </pre>
 */
public final class ServicesDecoder {

    /**
     * Decodes {@code record} if it is a Microsoft-Windows-Services event this decoder handles.
     *
     * @return empty for other providers and for the unhandled events (101-104, 106-109); otherwise the decoded record
     *         or {@link ServicesRecord.Undecodable}
     */
    public Optional<ServicesRecord> decode(EventRecord record) {
        if (!ServicesProvider.GUID.equals(record.providerId())) {
            return Optional.empty();
        }
        int id = record.id();
        if (id != ServicesProvider.SERVICE_STATUS_CHANGE && (id < ServicesProvider.SEND_CONTROL
                || id > ServicesProvider.SERVICE_START_205)) {
            return Optional.empty();
        }
        int version = record.descriptor().version();
        if (version != 0) {
            return Optional.of(new ServicesRecord.Undecodable(id, version, "Microsoft-Windows-Services event " + id
                    + " version " + version + " has no published layout known to etw4j", record));
        }
        PayloadReader r = record.payloadReader();
        try {
            ServicesRecord decoded = decode(id, r, record);
            if (r.hasRemaining()) {
                return Optional.of(new ServicesRecord.Undecodable(id, version, r.remaining()
                        + " byte(s) left after the last published field of v0", record));
            }
            return Optional.of(decoded);
        } catch (PayloadException e) {
            return Optional.of(new ServicesRecord.Undecodable(id, version, e.getMessage(), record));
        }
    }

    private static ServicesRecord decode(int id, PayloadReader r, EventRecord record) {
        if (id == ServicesProvider.SERVICE_STATUS_CHANGE) {
            long phase = r.u32();
            long state = r.u32();
            long startType = r.u32();
            int pid = (int) r.u32();
            String name = r.utf16z();
            String image = r.utf16z();
            return new ServicesRecord.StatusChange(phase, state, startType, pid, name, image, record);
        }
        String name = r.utf16z();
        if (id == ServicesProvider.SEND_CONTROL) {
            String display = r.utf16z();
            long control = r.u32();
            return new ServicesRecord.SendControl(name, display, control, client(r), record);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (id == ServicesProvider.CONFIG_CHANGE_START_TYPE) {
            fields.put("NewStartType", Long.toString(r.u32()));
            return new ServicesRecord.ConfigChange(name, fields, client(r), record);
        }
        if (id == ServicesProvider.CONFIG_CHANGE_202 || id == ServicesProvider.CONFIG_CHANGE_203) {
            fields.put("NewValueName", r.utf16z());
            return new ServicesRecord.ConfigChange(name, fields, client(r), record);
        }
        if (id == ServicesProvider.SERVICE_START) {
            fields.put("ServiceHostName", r.utf16z());
        } else {
            fields.put("LoadOrderGroup", r.utf16z());
            fields.put("SvchostGroup", r.utf16z());
            fields.put("IsCritical", bool(r));
            fields.put("IsUserService", bool(r));
            fields.put("IsOwnProcess", bool(r));
        }
        return new ServicesRecord.ServiceStart(name, fields, client(r), record);
    }

    private static ServicesRecord.Client client(PayloadReader r) {
        long key = r.u64();
        int pid = (int) r.u32();
        int ppid = (int) r.u32();
        return new ServicesRecord.Client(key, pid, ppid);
    }

    private static String bool(PayloadReader r) {
        return r.u32() != 0 ? "true" : "false";
    }
}
