/**
 * The one Windows function the samples call that jna-platform does not declare:
 * {@link io.etw4j.samples.windows.ChangeServiceConfigCall} (ChangeServiceConfigW, winsvc.h). Every other service-control
 * call of {@code scm-calibrate} and of the Windows integration tests uses jna-platform's
 * {@code com.sun.jna.platform.win32.Advapi32} and {@code Winsvc}. Nothing native is touched before the first call,
 * which happens only on Windows.
 */
package io.etw4j.samples.windows;
