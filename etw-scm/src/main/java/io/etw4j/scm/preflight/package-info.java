/**
 * Whether this host can see the SCM trace at all: {@link io.etw4j.scm.preflight.ScmPreflight#run()} checks
 * elevation, provider registration, the services.exe tracing switch, free logger slots and who holds the SCM WPP
 * provider, and reports each problem with its remedy as typed findings
 * ({@link io.etw4j.scm.preflight.ScmPreflight.Check}, {@link io.etw4j.scm.preflight.ScmPreflight.Status}). It never
 * throws, and off Windows it loads nothing native and reports "not Windows". Run it before {@link io.etw4j.scm.ScmMonitor#create()}; the {@code scm-preflight} sample
 * prints it.
 */
package io.etw4j.scm.preflight;
