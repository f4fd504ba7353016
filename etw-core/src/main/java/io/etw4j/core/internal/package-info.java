/**
 * The live-session machinery behind {@link io.etw4j.core.session.EtwSession}; not API (exported only to etw4j's own
 * modules).
 *
 * <p>A run: {@code SessionStartup} (StartTrace or attach, EnableTraceEx2 per provider, OpenTrace), {@code SessionRun}
 * (the ProcessTrace thread, health polling, the stop), {@code RecordIntake} (the EVENT_RECORD callback: copy, count,
 * never throw) and {@code RecordHandOff} (the bounded hand-off to the subscriber's thread, every drop counted);
 * {@code SessionNames}, {@code ActiveSessions} and {@code SessionStopper} name, track and reclaim sessions. The native
 * layer is the {@code EtwNative} interface ({@code win32.WindowsEtwNative} on Windows, a fake in the tests). Shared
 * with the other modules: {@code FileTimes}, {@code TimestampConverter}, {@code LittleEndian}, {@code RecordBytes} /
 * {@code ReadOnlyBytes} (read-only views of a record's bytes for etw4j's decoders) and {@code Statistics} (the
 * factories of the statistics types).
 */
package io.etw4j.core.internal;
