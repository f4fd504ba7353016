/**
 * JNA bindings of the Windows functions the samples call beyond etw4j's own:
 * {@link io.etw4j.samples.windows.Advapi32ServiceCalls}, the service-control functions of advapi32 that
 * {@code scm-calibrate} calls (prototypes from winsvc.h). Loaded only on Windows, on first use.
 */
package io.etw4j.samples.windows;
