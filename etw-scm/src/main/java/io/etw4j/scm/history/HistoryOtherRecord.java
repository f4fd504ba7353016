package io.etw4j.scm.history;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A record of a boot's {@code SCM.EVM*} file that the SCM decoders do not use, shown rather than dropped: above all
 * those of the SCM session's TraceLogging provider {@value ScmHistory#SCM_TRACELOGGING_GUID_TEXT} (services.exe
 * enables it in its {@code SCM} session at level 5), decoded with their own metadata (etw-decode's TraceLogging schema
 * source). A record without TraceLogging metadata keeps its raw form only. Immutable and thread-safe.
 *
 * @param boot         the boot and file it came from
 * @param providerName the provider name from the record's metadata (PROV_TRAITS), if it has one
 * @param eventName    the event name from the record's metadata (EVENT_SCHEMA_TL), if it has one
 * @param fields       the decoded fields in payload order, values as etw-decode gives them (unmodifiable; empty when
 *                     the record could not be decoded)
 * @param problems     why fields could not be decoded, one line each (empty when all were)
 * @param record       the raw record
 */
public record HistoryOtherRecord(ScmBoot boot, Optional<String> providerName, Optional<String> eventName,
        Map<String, Object> fields, List<String> problems, EventRecord record) implements HistoryEvent {

    /**
     * Creates the record (the canonical constructor); copies the map and list.
     *
     * @param boot the boot and file it came from
     * @param providerName the provider name, if known
     * @param eventName the event name, if known
     * @param fields the decoded fields in payload order
     * @param problems why fields could not be decoded
     * @param record the raw record
     */
    public HistoryOtherRecord {
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(providerName, "providerName");
        Objects.requireNonNull(eventName, "eventName");
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        problems = List.copyOf(problems);
        Objects.requireNonNull(record, "record");
    }

    @Override
    public Instant timestamp() {
        return record.timestamp();
    }

    /** {@return true if the record came from the SCM session's TraceLogging provider} */
    public boolean fromScmTraceLogging() {
        return ScmHistory.SCM_TRACELOGGING_GUID.equals(record.providerId());
    }
}
