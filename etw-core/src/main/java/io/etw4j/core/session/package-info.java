/**
 * Live ETW trace sessions: the "live" source of {@link io.etw4j.core.EventRecord}s (Windows only; elsewhere a
 * subscription signals {@link io.etw4j.core.UnsupportedPlatformException} and no native library is loaded).
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link io.etw4j.core.session.EtwSession}: a trace session as a {@link io.etw4j.core.RecordSource} (read its
 *       class doc first: lifecycle, threading, backpressure, cancellation, orphaned sessions);
 *       {@link io.etw4j.core.session.EtwSession#records()} starts it on subscription and stops it on cancel.</li>
 *   <li>One builder type per kind of session, so a combination ETW refuses does not compile:
 *       {@link io.etw4j.core.session.SessionBuilder} (a session of its own with the {@link
 *       io.etw4j.core.session.Provider}s it enables), {@link io.etw4j.core.session.KernelLoggerBuilder} (the NT
 *       Kernel Logger: {@link io.etw4j.core.session.KernelFlag}s and kernel stacks, no providers),
 *       {@link io.etw4j.core.session.SystemLoggerBuilder} (a private system logger, Windows 8 and later, with the
 *       kernel groups and the {@link io.etw4j.core.session.SystemProviders}) and
 *       {@link io.etw4j.core.session.AttachBuilder} (a session someone else runs, consumed only). Their shared
 *       settings are declared once, on {@link io.etw4j.core.session.HandOffBuilder},
 *       {@link io.etw4j.core.session.StartedSessionBuilder} and {@link io.etw4j.core.session.KernelGroupsBuilder}.</li>
 *   <li>{@link io.etw4j.core.session.Provider}: what a session enables: a provider GUID, a
 *       {@link io.etw4j.core.session.TraceLevel}, keyword masks and filters applied inside ETW.
 *       {@link io.etw4j.core.session.Provider#named(String)} finds the GUID by name
 *       ({@link io.etw4j.core.session.ProviderNames}).</li>
 *   <li>Health and loss: {@link io.etw4j.core.session.EtwSession#health()}
 *       ({@link io.etw4j.core.session.HealthReport}), {@link io.etw4j.core.session.EtwSession#statistics()}
 *       ({@link io.etw4j.core.session.SessionStatistics}) and provider contention
 *       ({@link io.etw4j.core.session.ProviderContention}).</li>
 * </ul>
 * Why these types live here: each of them configures, runs or reports on a live session, and none is needed to read
 * a file or to decode a record.
 */
package io.etw4j.core.session;
