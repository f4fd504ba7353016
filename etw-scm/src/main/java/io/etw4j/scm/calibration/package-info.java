/**
 * Learns the SCM WPP message table of the Windows build at hand: a calibration run creates, reconfigures, starts,
 * controls and deletes a throwaway service from its own process while it traces the SCM WPP provider, and notes each
 * act ({@link io.etw4j.scm.calibration.CalibrationAct}); {@link io.etw4j.scm.calibration.ScmCalibration} explains the
 * records by those acts and returns a {@link io.etw4j.scm.calibration.CalibrationResult}: the learned entries, a
 * table text that {@link io.etw4j.scm.ScmMonitorBuilder#messageTable(java.nio.file.Path)} loads, and a typed report
 * (message GUIDs as {@link java.util.UUID}s, times as {@link java.time.Instant}s, kinds and statuses as enums). This
 * package needs no Windows; the {@code scm-calibrate} sample makes the run on a Windows host.
 */
package io.etw4j.scm.calibration;
