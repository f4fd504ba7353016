package io.etw4j.json.internal.host;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host's drive letters and the device each names, from QueryDosDeviceW (fileapi.h, "QueryDosDeviceW function":
 * for a device name such as {@code "C:"} it stores the target, e.g. {@code \Device\HarddiskVolume3}, as a list of
 * NUL-terminated strings ended by a second NUL, and returns the number of characters stored, 0 on failure). kernel32
 * is loaded lazily and only on Windows; elsewhere the table is empty. Strings go in and out as UTF-16LE bytes (JNA's
 * {@code char} is 4 bytes on Linux; DEVELOPERS.md). Stateless; the table is asked anew on each call.
 */
public final class HostDosDevices {
    /** MAX_PATH characters (windef.h) suffice for one target; the buffer holds several. */
    private static final int CHARS = 1024;

    private HostDosDevices() {
    }

    /** kernel32's QueryDosDeviceW, with the strings as raw pointers. */
    interface Kernel32 extends Library {
        int QueryDosDeviceW(Pointer lpDeviceName, Pointer lpTargetPath, int ucchMax);
    }

    /** {@return device name to drive ({@code "\Device\HarddiskVolume3"} to {@code "C:"}); empty off Windows} */
    public static Map<String, String> driveTable() {
        Map<String, String> table = new LinkedHashMap<>();
        if (!Platform.isWindows()) {
            return table;
        }
        Kernel32 k = Native.load("kernel32", Kernel32.class);
        Memory name = new Memory(6);
        Memory target = new Memory(2L * CHARS);
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            byte[] n = (letter + ":\0").getBytes(StandardCharsets.UTF_16LE);
            name.write(0, n, 0, n.length);
            int got = k.QueryDosDeviceW(name, target, CHARS);
            if (got > 0) {
                String device = firstString(target.getByteArray(0, 2 * Math.min(got, CHARS)));
                if (!device.isEmpty()) {
                    table.putIfAbsent(device, letter + ":");
                }
            }
        }
        return table;
    }

    /** The first NUL-terminated UTF-16LE string of {@code b}. */
    static String firstString(byte[] b) {
        int end = 0;
        while (end + 1 < b.length && (b[end] != 0 || b[end + 1] != 0)) {
            end += 2;
        }
        return new String(b, 0, end, StandardCharsets.UTF_16LE);
    }
}
