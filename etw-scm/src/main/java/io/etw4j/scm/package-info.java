/**
 * Which process created, started, controlled or reconfigured a Windows service, and which caused a kernel driver to
 * load: typed Service Control Manager events decoded from ETW, with the client process attributed.
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link io.etw4j.scm.ScmMonitor} (read first): the pipeline. {@link io.etw4j.scm.ScmMonitor#create()} traces
 *       the three providers live (Windows, elevated), {@link io.etw4j.scm.ScmMonitor#replay(java.nio.file.Path)}
 *       reads an .etl file on any operating system, {@link io.etw4j.scm.ScmMonitor#from(reactor.core.publisher.Flux)}
 *       takes any source of {@link io.etw4j.core.EventRecord}s; all give the same events. Options and these source
 *       factories: {@link io.etw4j.scm.ScmMonitorBuilder}; what a run saw: {@link io.etw4j.scm.ScmMonitorStatistics}.
 *       </li>
 *   <li>{@link io.etw4j.scm.ScmProviders}: the three providers (GUIDs, levels, keywords) and how to enable them on
 *       a session of your own or record them with logman.</li>
 *   <li>{@link io.etw4j.scm.ScmEvent}: the sealed interface of the typed events ({@link io.etw4j.scm.ServiceCreated},
 *       {@link io.etw4j.scm.ServiceStarted}, {@link io.etw4j.scm.DriverLoaded} ... and
 *       {@link io.etw4j.scm.UnknownScmMessage} for what could not be decoded with certainty). Each names its
 *       {@link io.etw4j.scm.ClientProcess} and how that client was found ({@link io.etw4j.scm.AttributionSource}).</li>
 *   <li>{@link io.etw4j.scm.Evidence}: what a typed event's decoding rests on. The SCM WPP messages are undocumented;
 *       require a level with {@link io.etw4j.scm.ScmMonitorBuilder#minimumEvidence(Evidence)}.</li>
 *   <li>Separate features in their own packages: {@link io.etw4j.scm.preflight} (whether this host can see the SCM
 *       trace at all, each problem with its remedy) and {@link io.etw4j.scm.calibration} (learns the message table
 *       of the Windows build at hand from a calibration run).</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * ScmMonitor.replay(Path.of("scm.etl")).events()     // or ScmMonitor.create() for a live session
 *     .filter(ServiceCreated.class::isInstance)
 *     .cast(ServiceCreated.class)
 *     .subscribe(c -> System.out.println(c.serviceName() + " created by PID " + c.client().pid()
 *             + " (" + c.client().imagePath().orElse("image unknown") + "), evidence " + c.evidence()));
 * }</pre>
 *
 * <h2>What this package does not do</h2>
 * It does not block or prevent anything (ETW reports after the fact), does not watch services through the Service
 * Control Manager API, and does not guess: a record whose layout is not certain becomes an
 * {@link io.etw4j.scm.UnknownScmMessage} with the reason. Implementation classes live in {@code io.etw4j.scm.internal}
 * packages and are not API.
 */
package io.etw4j.scm;
