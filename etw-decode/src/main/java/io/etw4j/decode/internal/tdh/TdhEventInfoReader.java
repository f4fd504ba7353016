package io.etw4j.decode.internal.tdh;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.win32.Tdh;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.ValueMap;
import io.etw4j.decode.internal.eventinfo.EventMapInfoParser;
import io.etw4j.decode.internal.eventinfo.ParsedEventInfo;
import io.etw4j.decode.internal.eventinfo.TraceEventInfoParser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks TDH for the TRACE_EVENT_INFO of one record and its maps, and hands the bytes to the one TRACE_EVENT_INFO parser
 * ({@link TraceEventInfoParser}) and EVENT_MAP_INFO parser. Each call lays the record out as a native EVENT_RECORD
 * ({@link NativeEventRecord}), calls TdhGetEventInformation first with no buffer, then again with a buffer of the
 * size it asked for while it answers ERROR_INSUFFICIENT_BUFFER (at most {@link #MAX_ATTEMPTS} calls), and resolves
 * each map name with TdhGetEventMapInformation on the same EVENT_RECORD the same way. Any other status (e.g.
 * ERROR_NOT_FOUND) gives empty. Stateless apart from the {@link Tdh} it calls; thread-safe if that is (tdh.dll is).
 */
public final class TdhEventInfoReader {
    private static final Logger LOG = LoggerFactory.getLogger(TdhEventInfoReader.class);
    /** Calls per buffer negotiation. */
    static final int MAX_ATTEMPTS = 4;
    /** The largest buffer accepted from TDH (a bound against a bad size). */
    static final int MAX_BUFFER = 16 << 20;

    private final Tdh tdh;

    public TdhEventInfoReader(Tdh tdh) {
        this.tdh = tdh;
    }

    /** The event information TDH has for {@code r}, parsed; empty when TDH has none or fails. Never throws. */
    public Optional<ParsedEventInfo> read(EventRecord r) {
        NativeEventRecord nr;
        try {
            nr = NativeEventRecord.of(r);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] info = negotiate("TdhGetEventInformation",
                (buf, size) -> tdh.TdhGetEventInformation(nr.pointer(), 0, null, buf, size));
        if (info == null) {
            return Optional.empty();
        }
        return TraceEventInfoParser.parse(info, 0, info.length, SchemaOrigin.TDH, name -> map(nr, name));
    }

    private Optional<ValueMap> map(NativeEventRecord nr, String name) {
        byte[] wide = (name + "\0").getBytes(StandardCharsets.UTF_16LE);
        Memory mapName = new Memory(wide.length);
        mapName.write(0, wide, 0, wide.length);
        byte[] b = negotiate("TdhGetEventMapInformation",
                (buf, size) -> tdh.TdhGetEventMapInformation(nr.pointer(), mapName, buf, size));
        return b == null ? Optional.empty() : EventMapInfoParser.parse(b, 0, b.length);
    }

    private interface Call {
        int invoke(Pointer buffer, IntByReference size);
    }

    /** The bytes a TDH function fills, after the ERROR_INSUFFICIENT_BUFFER retries; null on any failure. */
    private static byte[] negotiate(String function, Call call) {
        IntByReference size = new IntByReference(0);
        Memory buffer = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int status;
            try {
                status = call.invoke(buffer, size);
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("{} failed", function, e);
                return null;
            }
            if (status == Tdh.ERROR_SUCCESS) {
                if (buffer == null) {
                    return null; // success without a buffer: nothing to read
                }
                long filled = Math.min(buffer.size(), Integer.toUnsignedLong(size.getValue()));
                return buffer.getByteArray(0, (int) (filled > 0 ? filled : buffer.size()));
            }
            if (status != Tdh.ERROR_INSUFFICIENT_BUFFER) {
                LOG.debug("{} returned {}", function, status);
                return null;
            }
            long need = Integer.toUnsignedLong(size.getValue());
            if (need == 0 || need > MAX_BUFFER || (buffer != null && need <= buffer.size())) {
                LOG.debug("{} asked for {} bytes", function, need);
                return null;
            }
            buffer = new Memory(need);
            buffer.clear();
        }
        return null;
    }
}
