/**
 * The JNA bindings of etw4j, one interface per Windows DLL ({@code Advapi32}, {@code Kernel32}, {@code Tdh}, loaded
 * lazily and only on Windows through {@code WindowsLibraries}), the ETW structures with their SDK names
 * ({@code EtwStructures}: EVENT_TRACE_PROPERTIES, EVENT_RECORD, ... laid out as in evntrace.h / evntcons.h for x64,
 * sizes and offsets asserted in tests), and the Windows implementation of the native layer
 * ({@code WindowsEtwNative}, {@code EventRecordCopier}); not API (exported only to etw4j's own modules, opened to JNA).
 */
package io.etw4j.core.internal.win32;
