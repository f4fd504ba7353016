/**
 * etw4j decode: named, typed fields for an {@link io.etw4j.core.EventRecord} from the event's schema (TraceLogging,
 * embedded event information, instrumentation manifests, EventSource manifests, the kernel's MOF classes, TDH).
 *
 * <p>Exported to everyone: {@code io.etw4j.decode}. The {@code internal} packages are not exported, except
 * {@code io.etw4j.decode.internal} to {@code io.etw4j.json} (whose decoded-object writer reads field maps by index); the TDH
 * structures are opened to JNA, which reads them by reflection.
 */
module io.etw4j.decode {
    requires transitive io.etw4j.core;
    requires java.xml;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires org.slf4j;

    exports io.etw4j.decode;
    // The decoder's field maps and property lists, read by index by etw-json's writer of decoded objects.
    exports io.etw4j.decode.internal to io.etw4j.json;

    opens io.etw4j.decode.internal.tdh to com.sun.jna;
    opens io.etw4j.decode.internal.export to com.sun.jna;
}
