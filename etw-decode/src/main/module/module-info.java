/**
 * etw4j decode: named, typed fields for an {@link io.etw4j.core.EventRecord} from the event's schema (TraceLogging,
 * embedded event information, instrumentation manifests, EventSource manifests, the kernel's MOF classes, TDH).
 *
 * <p>Exported to everyone: {@code io.etw4j.decode}. The {@code internal} packages are not exported; the TDH
 * structures are opened to JNA, which reads them by reflection.
 */
module io.etw4j.decode {
    requires transitive io.etw4j.core;
    requires java.xml;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires org.slf4j;

    exports io.etw4j.decode;

    opens io.etw4j.decode.internal.tdh to com.sun.jna;
    opens io.etw4j.decode.internal.export to com.sun.jna;
}
