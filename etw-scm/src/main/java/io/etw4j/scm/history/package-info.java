/**
 * Windows' own SCM trace history: the {@code SCM.EVM*} files services.exe writes (its always-on trace session named
 * {@code SCM}), read on any operating system into typed {@link io.etw4j.scm.ScmEvent}s with their client PIDs, one
 * boot per file. Start at {@link io.etw4j.scm.history.ScmHistory}.
 *
 * <h2>What rests on what</h2>
 * <ul>
 *   <li>The session, its provider and flags, the file names and their rotation (at each boot {@code SCM.EVM} is
 *       renamed {@code SCM.EVM.1} .. {@code SCM.EVM.5}, the one with the oldest last-write time reused when all five
 *       exist), the LogFileMode 0x10000002 (EVENT_TRACE_FILE_MODE_CIRCULAR | EVENT_TRACE_NO_PER_PROCESSOR_BUFFERING),
 *       128 KB buffers and the 5 MB default size: Geoff Chappell, "WPP Software Tracing in SERVICES.EXE" (written for
 *       Vista), and a public function-by-function decompilation of a current x64 services.exe (ScStartTracingSession,
 *       ScBackupTraceFile). Microsoft's TSSv2 support scripts ({@code TSSv2_DND.psm1},
 *       {@code scripts/WinPE/Collect_Logs.cmd}) collect {@code LogFiles\SCM\*.EVM*}.</li>
 *   <li>That the files are ordinary .etl files despite the extension is <em>inferred</em> (they are written by a
 *       file-mode StartTraceW session; Chappell: Event Viewer opens them). No public sample file was found: the
 *       tests build files from the parameters above.</li>
 *   <li>Because the numbered suffix does not follow age once a slot is reused, boots are ordered by their logfile
 *       header's StartTime, not by file name (inferred from the rotation rule above).</li>
 *   <li>How a wrapped circular file lies on disk (the logfile header buffer first, then the ring, its newest buffers
 *       before its oldest) is <em>inferred</em> from EVENT_TRACE_FILE_MODE_CIRCULAR's documentation ("when the
 *       maximum file size is reached, the oldest events are replaced"); the reader does not depend on it: it orders
 *       every record of a boot by timestamp.</li>
 * </ul>
 */
package io.etw4j.scm.history;
