package io.etw4j.scm.internal.correlation;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link ScmCorrelator}. Immutable; start from {@link #defaults()} and change with the {@code with...}
 * methods. All durations are in trace time (event timestamps), so a replay of an .etl file behaves like the live
 * session it was recorded from.
 *
 * @param joinWindow          how far apart a kernel image load and a service start may be to be joined (either
 *                            order), and how long a driver load or an event whose client is not yet known is held
 *                            waiting for the records that explain it; default 5 s
 * @param duplicateWindow     how far apart the Microsoft-Windows-Services and the SCM WPP reports of one start,
 *                            control or configuration change may be to be merged into one event; an SCM WPP report of
 *                            those kinds is held this long; {@link Duration#ZERO} disables merging; default 2 s
 * @param exitedRetention     how long an exited process stays in the process table; default 10 min
 * @param maxProcesses        the most processes the table holds; default 65,536
 * @param maxPending          the most events and driver loads held at once; beyond it the one due first is
 *                            released early with what is known then; default 4,096
 * @param maxTrackedStarts    the most service starts remembered for the driver-load join; default 4,096
 * @param maxServiceImages    the most service image paths remembered; default 16,384
 * @param systemRoot          the Windows directory used to expand \SystemRoot\ and relative driver paths; default
 *                            {@code C:\Windows}
 * @param deviceToDrive       NT device names to drive letters ({@code \Device\HarddiskVolume3 -> C:}), so that a path
 *                            the kernel reports in device form matches a drive-letter ImagePath exactly; without an
 *                            entry the two match on the path within the volume (see {@link ServiceImageIndex})
 * @param knownServiceImages  service name to ImagePath for services that existed before the trace began (e.g. read
 *                            from the registry by a live monitor); events seen in the trace override them
 * @param matchByFileName     join a driver load whose path matches no known ImagePath to a start of the service
 *                            named like the image's file name ({@code foo.sys} and service {@code foo}); default true
 * @param ambiguousHoldWindow how long an SCM WPP record that fits several source files' layouts (the first start
 *                            request, 0x0c, before RStartServiceW's message GUID is known) is held on its services.exe
 *                            thread for a record of the same call that identifies its file ({@link AmbiguousWppHold});
 *                            {@link Duration#ZERO} releases it at once as unknown; default 35 s. Inferred, not
 *                            documented as such: the identifying 0x0d/0x0e is logged when RStartServiceW returns, and
 *                            the SCM waits for a starting service up to ServicesPipeTimeout, whose documented default
 *                            is 30,000 ms (Microsoft's "ServicesPipeTimeout" registry value documentation); 5 s margin
 */
public record CorrelatorOptions(Duration joinWindow, Duration duplicateWindow, Duration exitedRetention,
        int maxProcesses, int maxPending, int maxTrackedStarts, int maxServiceImages, String systemRoot,
        Map<String, String> deviceToDrive, Map<String, String> knownServiceImages, boolean matchByFileName,
        Duration ambiguousHoldWindow) {

    public CorrelatorOptions {
        requireNonNegative("ambiguousHoldWindow", ambiguousHoldWindow);
        requireNonNegative("joinWindow", joinWindow);
        requireNonNegative("duplicateWindow", duplicateWindow);
        requireNonNegative("exitedRetention", exitedRetention);
        requirePositive("maxProcesses", maxProcesses);
        requirePositive("maxPending", maxPending);
        requirePositive("maxTrackedStarts", maxTrackedStarts);
        requirePositive("maxServiceImages", maxServiceImages);
        Objects.requireNonNull(systemRoot, "systemRoot");
        deviceToDrive = Map.copyOf(deviceToDrive);
        knownServiceImages = Map.copyOf(knownServiceImages);
    }

    /** The defaults listed on the record. */
    public static CorrelatorOptions defaults() {
        return new CorrelatorOptions(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMinutes(10), 65_536,
                4_096, 4_096, 16_384, "C:\\Windows", Map.of(), Map.of(), true, Duration.ofSeconds(35));
    }

    public CorrelatorOptions withJoinWindow(Duration d) {
        return new CorrelatorOptions(d, duplicateWindow, exitedRetention, maxProcesses, maxPending, maxTrackedStarts,
                maxServiceImages, systemRoot, deviceToDrive, knownServiceImages, matchByFileName, ambiguousHoldWindow);
    }

    public CorrelatorOptions withDuplicateWindow(Duration d) {
        return new CorrelatorOptions(joinWindow, d, exitedRetention, maxProcesses, maxPending, maxTrackedStarts,
                maxServiceImages, systemRoot, deviceToDrive, knownServiceImages, matchByFileName, ambiguousHoldWindow);
    }

    public CorrelatorOptions withExitedRetention(Duration d) {
        return new CorrelatorOptions(joinWindow, duplicateWindow, d, maxProcesses, maxPending, maxTrackedStarts,
                maxServiceImages, systemRoot, deviceToDrive, knownServiceImages, matchByFileName, ambiguousHoldWindow);
    }

    public CorrelatorOptions withMaxProcesses(int n) {
        return new CorrelatorOptions(joinWindow, duplicateWindow, exitedRetention, n, maxPending, maxTrackedStarts,
                maxServiceImages, systemRoot, deviceToDrive, knownServiceImages, matchByFileName, ambiguousHoldWindow);
    }

    public CorrelatorOptions withMaxPending(int n) {
        return new CorrelatorOptions(joinWindow, duplicateWindow, exitedRetention, maxProcesses, n, maxTrackedStarts,
                maxServiceImages, systemRoot, deviceToDrive, knownServiceImages, matchByFileName, ambiguousHoldWindow);
    }

    public CorrelatorOptions withSystemRoot(String root) {
        return new CorrelatorOptions(joinWindow, duplicateWindow, exitedRetention, maxProcesses, maxPending,
                maxTrackedStarts, maxServiceImages, root, deviceToDrive, knownServiceImages, matchByFileName,
                ambiguousHoldWindow);
    }

    public CorrelatorOptions withDeviceToDrive(Map<String, String> map) {
        return new CorrelatorOptions(joinWindow, duplicateWindow, exitedRetention, maxProcesses, maxPending,
                maxTrackedStarts, maxServiceImages, systemRoot, map, knownServiceImages, matchByFileName,
                ambiguousHoldWindow);
    }

    public CorrelatorOptions withKnownServiceImages(Map<String, String> map) {
        return new CorrelatorOptions(joinWindow, duplicateWindow, exitedRetention, maxProcesses, maxPending,
                maxTrackedStarts, maxServiceImages, systemRoot, deviceToDrive, map, matchByFileName,
                ambiguousHoldWindow);
    }

    public CorrelatorOptions withMatchByFileName(boolean on) {
        return new CorrelatorOptions(joinWindow, duplicateWindow, exitedRetention, maxProcesses, maxPending,
                maxTrackedStarts, maxServiceImages, systemRoot, deviceToDrive, knownServiceImages, on,
                ambiguousHoldWindow);
    }

    public CorrelatorOptions withAmbiguousHoldWindow(Duration d) {
        return new CorrelatorOptions(joinWindow, duplicateWindow, exitedRetention, maxProcesses, maxPending,
                maxTrackedStarts, maxServiceImages, systemRoot, deviceToDrive, knownServiceImages, matchByFileName, d);
    }

    private static void requireNonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }

    private static void requirePositive(String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + n);
        }
    }
}
