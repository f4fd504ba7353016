package io.etw4j.json;

import io.etw4j.core.etl.EtlFile;
import io.etw4j.json.internal.TraceVolumes;
import io.etw4j.json.internal.host.HostDosDevices;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the kernel's device paths ({@code \Device\HarddiskVolume3\Windows\System32\drivers\x.sys}) into the
 * drive-letter paths a person recognises ({@code C:\Windows\System32\drivers\x.sys}), keeping the original and saying
 * where the mapping came from ({@link Mapped#source()}): the caller's table ({@link #of}), the host it runs on
 * ({@link #host()}), or none, in which case the path stays as it was logged and says so.
 *
 * <p>A path in the NT namespace's DosDevices form ({@code \??\C:\...}, the form {@code CreateService} stores an
 * image path in; WDK "Object Directories": {@code \??} is the per-session DosDevices directory) is the drive path
 * after the prefix, with source {@code as_logged}; a path that is already a drive or UNC path is kept with source
 * {@code as_logged}. Device names compare case-insensitively (the object manager's names do) and the longest device
 * name that is a prefix followed by {@code \} or the end wins.
 *
 * <p>Immutable and thread-safe; {@link #host()} asks the host once, lazily, on the first device path.
 */
public final class DevicePaths {
    /** The path was already a drive or UNC path (or the DosDevices form of one). */
    public static final String AS_LOGGED = "as_logged";
    /** Mapped with the caller's table ({@link #of}). */
    public static final String GIVEN = "given";
    /** Mapped with the trace's own volume records ({@link #fromTrace}). */
    public static final String TRACE = "trace";
    /** Mapped with the host's own device names (QueryDosDeviceW, {@link #host()}). */
    public static final String HOST = "host";
    /** A device path no mapping knew: kept as it was logged. */
    public static final String UNMAPPED = "unmapped";

    private static final DevicePaths NONE = new DevicePaths(Map::of, GIVEN);
    private static final String DOS_DEVICES = "\\??\\";

    private final Supplier<Map<String, String>> table;
    private final String source;
    private volatile List<Map.Entry<String, String>> sorted;

    private DevicePaths(Supplier<Map<String, String>> table, String source) {
        this.table = table;
        this.source = source;
    }

    /** {@return a mapping that knows no device: device paths stay as they are, {@link #UNMAPPED}} */
    public static DevicePaths none() {
        return NONE;
    }

    /**
     * {@return a mapping from the caller's table}, e.g. from the volume records of a trace or a host inventory
     *
     * @param devicesToDrives device name to drive, e.g. {@code "\Device\HarddiskVolume3"} to {@code "C:"}
     */
    public static DevicePaths of(Map<String, String> devicesToDrives) {
        Map<String, String> copy = Map.copyOf(devicesToDrives);
        return new DevicePaths(() -> copy, GIVEN);
    }

    /**
     * {@return the mapping a trace records itself}: KernelTraceControl's SysConfig VolumeMapping records (event class
     * {9b79ee91-b5fd-41c0-a243-4248e266e9d0}, opcode 35: NtPath, DosPath, two UTF-16 strings; the layout of
     * Microsoft TraceEvent's VolumeMappingTraceData, which feeds the same pairs to its kernel-to-user path mapping),
     * which xperf and KernelTraceControl write into merged kernel traces. Reads {@code file} once, decoding only
     * those records; a trace without them gives a mapping that knows no device ({@link #UNMAPPED}). Blocks.
     *
     * @param file an .etl file
     */
    public static DevicePaths fromTrace(EtlFile file) {
        Map<String, String> table = TraceVolumes.read(file.records());
        return new DevicePaths(() -> table, TRACE);
    }

    /** {@return how many device names this mapping knows} (asks the host for {@link #host()}) */
    public int size() {
        return entries().size();
    }

    /**
     * {@return the host's own mapping}: on Windows, the drive letters A: to Z: asked with QueryDosDeviceW (fileapi.h,
     * "QueryDosDeviceW function") on the first device path, once; elsewhere none (every device path
     * {@link #UNMAPPED}). Right for live sessions; for an .etl recorded on another machine it is the wrong machine's
     * table, so replays should not use it unless the file was recorded here.
     */
    public static DevicePaths host() {
        return new DevicePaths(HostDosDevices::driveTable, HOST);
    }

    /**
     * {@return {@code path} mapped}
     *
     * @param path a path as an event logged it
     */
    public Mapped map(String path) {
        Objects.requireNonNull(path, "path");
        if (path.startsWith(DOS_DEVICES) && path.length() >= 6 && path.charAt(5) == ':') {
            return new Mapped(path.substring(DOS_DEVICES.length()), Optional.of(path), AS_LOGGED);
        }
        if (!path.startsWith("\\Device\\") && !path.regionMatches(true, 0, "\\Device\\", 0, 8)) {
            return new Mapped(path, Optional.empty(), AS_LOGGED);
        }
        String lower = path.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : entries()) {
            String device = e.getKey();
            if (lower.startsWith(device) && (lower.length() == device.length() || lower.charAt(device.length()) == '\\')) {
                return new Mapped(e.getValue() + path.substring(device.length()), Optional.of(path), source);
            }
        }
        return new Mapped(path, Optional.of(path), UNMAPPED);
    }

    private List<Map.Entry<String, String>> entries() {
        List<Map.Entry<String, String>> s = sorted;
        if (s == null) {
            Map<String, String> lowered = new LinkedHashMap<>();
            table.get().forEach((k, v) -> lowered.put(k.toLowerCase(Locale.ROOT), v));
            s = List.copyOf(lowered.entrySet().stream()
                    .sorted(Comparator.comparingInt((Map.Entry<String, String> x) -> x.getKey().length()).reversed())
                    .toList());
            sorted = s;
        }
        return s;
    }

    /**
     * One path mapped. Immutable.
     *
     * @param path       the drive-letter path when a mapping knew the device, else the path as logged
     * @param devicePath the path as logged when it was a device (or DosDevices) path, else empty
     * @param source     {@link #AS_LOGGED}, {@link #GIVEN}, {@link #TRACE}, {@link #HOST} or {@link #UNMAPPED}
     */
    public record Mapped(String path, Optional<String> devicePath, String source) {
        /**
         * Checks the components.
         *
         * @param path the path
         * @param devicePath the device path
         * @param source where the mapping came from
         */
        public Mapped {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(devicePath, "devicePath");
            Objects.requireNonNull(source, "source");
        }
    }
}
