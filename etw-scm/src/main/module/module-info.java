/**
 * etw4j SCM: typed Service Control Manager events ({@link io.etw4j.scm.ServiceCreated},
 * {@link io.etw4j.scm.ServiceStarted}, {@link io.etw4j.scm.DriverLoaded} ...) that name the client process, from a
 * live session or an .etl file.
 *
 * <p>Exported to everyone: {@code io.etw4j.scm} (the monitor and its events), {@code io.etw4j.scm.preflight},
 * {@code io.etw4j.scm.calibration} and {@code io.etw4j.scm.history} (Windows' own SCM.EVM trace files). The
 * {@code internal} packages are not exported.
 */
module io.etw4j.scm {
    requires transitive io.etw4j.core;
    requires io.etw4j.decode;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires org.reactivestreams;
    requires org.slf4j;

    exports io.etw4j.scm;
    exports io.etw4j.scm.preflight;
    exports io.etw4j.scm.calibration;
    exports io.etw4j.scm.history;
}
