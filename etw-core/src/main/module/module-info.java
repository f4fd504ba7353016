/**
 * etw4j core: ETW sessions and .etl files as a Reactor {@code Flux} of immutable
 * {@link io.etw4j.core.EventRecord}s.
 *
 * <p>Exported to everyone: {@code io.etw4j.core} (the record model, {@code PayloadReader}, {@code RecordSource} and
 * the exceptions), {@code io.etw4j.core.session} (live sessions) and {@code io.etw4j.core.etl} (.etl files). The
 * {@code internal} packages are exported only to the etw4j modules that build on them and may change in any release;
 * the JNA bindings package is opened to JNA, which reads its structures by reflection. On the class path the jar works
 * as before (the descriptor is then ignored).
 */
module io.etw4j.core {
    requires transitive reactor.core;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires org.slf4j;

    exports io.etw4j.core;
    exports io.etw4j.core.session;
    exports io.etw4j.core.etl;

    exports io.etw4j.core.internal to io.etw4j.decode, io.etw4j.scm, io.etw4j.json;
    exports io.etw4j.core.internal.win32 to io.etw4j.decode, io.etw4j.scm;

    opens io.etw4j.core.internal.win32 to com.sun.jna;
}
