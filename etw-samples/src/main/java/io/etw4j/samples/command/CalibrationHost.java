package io.etw4j.samples.command;

import io.etw4j.core.EventRecord;
import java.util.List;

/**
 * What {@code scm-calibrate} needs from the host: a trace of the SCM WPP provider, and the service-control calls made
 * from this process. The Windows implementation is {@link WindowsCalibrationHost}; tests give a fake that answers
 * with canned results and records, so that the command's logic runs on any OS.
 *
 * <p>Each service call returns the Win32 result: 0 for success, else the GetLastError value; it never throws for a
 * failing call. One run per instance; called from one thread.
 */
interface CalibrationHost {
    /** True if calibration can run here (Windows); if false, nothing else is called. */
    boolean supported();

    /** The id of the process that makes the calls (the client the SCM will log). */
    long pid();

    /** The Windows build, for the table's source column (e.g. {@code 10.0.22631.4037 (23H2)}). */
    String windowsBuild();

    /**
     * Starts the trace of the SCM WPP provider only and returns once the session runs and the provider is enabled.
     *
     * @throws RuntimeException if the session cannot be started (the reason is its message)
     */
    void startTrace(String sessionName);

    /** Stops the trace and returns the records it received, in arrival order. */
    List<EventRecord> stopTrace();

    /** CreateServiceW of an own-process, demand-start service running {@code binaryPath}. */
    int create(String name, String binaryPath);

    /** ChangeServiceConfigW changing only the display name. */
    int changeConfig(String name, String displayName);

    /** ChangeServiceConfig2W(SERVICE_CONFIG_DESCRIPTION). */
    int changeDescription(String name, String description);

    /** StartServiceW without arguments. */
    int start(String name);

    /** ControlService with {@code control}. */
    int control(String name, int control);

    /** DeleteService. */
    int delete(String name);
}
