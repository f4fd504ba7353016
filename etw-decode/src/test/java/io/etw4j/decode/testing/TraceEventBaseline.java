package io.etw4j.decode.testing;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper: the TraceEvent baseline of {@code ../shared/etl/net.4.5.2.x64.etl} ({@code net.4.5.2.x64.baseline.txt},
 * Microsoft TraceEvent's own rendering of the first 480 events), parsed into events with their field values as text,
 * matched to our records, and a comparison of our decoded values with TraceEvent's text.
 *
 * <p>How TraceEvent renders values (read off the baseline itself): integers with thousands separators ("1,404,928"),
 * addresses and hex out-types as "0x..." (lowercase), strings and every other value cut to 20 characters followed by
 * "..." when longer, times as "yy/MM/dd HH:mm:ss.ff..." (local time of the file: UTC + the header's UtcOffsetMinutes
 * is not applied by us), GUIDs as text. Matching a baseline event to a record: the same time relative to the logfile
 * header record in milliseconds with 3 decimals (raw QPC ticks at 10 MHz), the same processor and the same payload
 * length (the way etw-core's EtlFileRealCapturesTest matches them).
 */
public final class TraceEventBaseline {
    /** The folder of the shared captures. */

    /** One EVENT line: its name ("Provider/Task/Opcode"), key, and field values as TraceEvent printed them. */
    public record Event(String name, String relativeMs, int processor, int dataLen, Map<String, String> fields) {
    }

    private TraceEventBaseline() {
    }

    /** The shared capture folder ({@code ../shared/etl} beside the checkout). */
    public static Path etlDir() {
        return Path.of("").toAbsolutePath().getParent().getParent().resolve("shared").resolve("etl");
    }

    /** The baseline's events. */
    public static List<Event> events() throws IOException {
        Pattern head = Pattern.compile("^EVENT ([\\d,.]+): (.*?) PID=(-?\\d+); TID=(-?\\d+); PName=.*?; "
                + "ProceNum=(\\d+); DataLen=(\\d+); ?(.*)$");
        List<Event> out = new ArrayList<>();
        for (String line : Files.readAllLines(etlDir().resolve("net.4.5.2.x64.baseline.txt"), StandardCharsets.UTF_8)) {
            Matcher m = head.matcher(line);
            if (!m.find()) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String part : m.group(7).split("; ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    String v = part.substring(eq + 1);
                    fields.put(part.substring(0, eq), v.endsWith(";") ? v.substring(0, v.length() - 1) : v);
                }
            }
            out.add(new Event(m.group(2), m.group(1).replace(",", ""), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), fields));
        }
        return out;
    }

    /** The records of the capture, by baseline key ("ms|processor|payload length"). */
    public static Map<String, List<EventRecord>> recordsByKey(List<EventRecord> records) throws IOException {
        byte[] head = new byte[0x48 + 0x20 + 0x20];
        try (var in = Files.newInputStream(etlDir().resolve("net.4.5.2.x64.etl"))) {
            in.readNBytes(head, 0, head.length);
        }
        long origin = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getLong(0x48 + 0x10);
        Map<String, List<EventRecord>> byKey = new HashMap<>();
        for (EventRecord r : records) {
            String ms = new BigDecimal(r.rawTimestamp() - origin).movePointLeft(4).setScale(3, RoundingMode.HALF_UP)
                    .toPlainString();
            byKey.computeIfAbsent(ms + "|" + r.processorNumber() + "|" + r.payloadSize(), k -> new ArrayList<>())
                    .add(r);
        }
        return byKey;
    }

    /** The baseline key of {@code e}. */
    public static String key(Event e) {
        return e.relativeMs() + "|" + e.processor() + "|" + e.dataLen();
    }

    /** Every record of the capture, in file order. */
    public static List<EventRecord> records() {
        return EtlFile.open(etlDir().resolve("net.4.5.2.x64.etl")).records().collectList().block();
    }

    /**
     * True if our decoded {@code value} renders as TraceEvent's {@code text}: numbers compared as numbers (thousands
     * separators dropped, signed or unsigned, or as hex), text compared on TraceEvent's 20-character prefix when it
     * cut it, booleans, GUIDs and addresses by their text.
     */
    public static boolean matches(Object value, String text) {
        if (value == null) {
            return text.isEmpty();
        }
        if (value instanceof io.etw4j.decode.MappedValue m) {
            // TraceEvent joins bit map names with ", " for manifest providers and "|" for EventSource ones.
            return matchesText(m.toString(), text) || matchesText(String.join("|", m.names()), text)
                    || matches(m.raw(), text) || m.names().stream()
                    .anyMatch(n -> matchesText(n, text));
        }
        if (value instanceof Long l) {
            if (text.endsWith("...") && text.length() == 23) { // TraceEvent cut the number to 20 characters
                String cut = text.substring(0, 20);
                return String.format(Locale.ROOT, "%,d", l).startsWith(cut)
                        || String.format(Locale.ROOT, "%,d", new java.math.BigInteger(Long.toUnsignedString(l)))
                        .startsWith(cut);
            }
            String t = text.replace(",", "");
            if (t.startsWith("0x")) {
                try {
                    return Long.parseUnsignedLong(t.substring(2), 16) == l;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return t.equals(Long.toString(l)) || t.equals(Long.toUnsignedString(l))
                    || t.equals(Integer.toString((int) (long) l));
        }
        if (value instanceof Boolean b) {
            return text.equalsIgnoreCase(b.toString());
        }
        if (value instanceof Instant i) {
            String ours = DateTimeFormatter.ofPattern("yy/MM/dd HH:mm:ss.SS", Locale.ROOT).withZone(ZoneOffset.UTC)
                    .format(i);
            return matchesText(ours, text) || text.startsWith(ours.substring(0, Math.min(ours.length(), 14)));
        }
        if (value instanceof InetAddress a) {
            return matchesText(a.getHostAddress(), text) || matchesText(compressed(a), text);
        }
        if (value instanceof java.net.InetSocketAddress s && s.getAddress() != null) {
            // TraceEvent prints a socket address as "a.b.c.d:port" or "[v6 with ::]:port"
            String host = s.getAddress() instanceof java.net.Inet6Address ? "[" + compressed(s.getAddress()) + "]"
                    : s.getAddress().getHostAddress();
            return matchesText(host + ":" + s.getPort(), text);
        }
        if (value instanceof Float || value instanceof Double) {
            try {
                return Math.abs(((Number) value).doubleValue() - Double.parseDouble(text.replace(",", ""))) < 1e-3;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return matchesText(String.valueOf(value), text);
    }

    /** An IPv6 address with its longest run of zero groups written "::" (RFC 5952); IPv4 as is. */
    static String compressed(InetAddress a) {
        if (!(a instanceof java.net.Inet6Address)) {
            return a.getHostAddress();
        }
        String[] g = a.getHostAddress().replaceAll("%.*$", "").split(":");
        int best = -1;
        int bestLen = 1;
        for (int i = 0; i < g.length; i++) {
            int j = i;
            while (j < g.length && g[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
        }
        if (best < 0) {
            return String.join(":", g);
        }
        return String.join(":", java.util.Arrays.copyOfRange(g, 0, best)) + "::"
                + String.join(":", java.util.Arrays.copyOfRange(g, best + bestLen, g.length));
    }

    private static boolean matchesText(String ours, String text) {
        if (text.endsWith("...") && text.length() == 23) {
            return ours.startsWith(text.substring(0, 20));
        }
        return ours.equals(text);
    }
}
