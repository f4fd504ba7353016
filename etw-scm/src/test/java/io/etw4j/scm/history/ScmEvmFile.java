package io.etw4j.scm.history;

import static io.etw4j.core.testing.LeBytes.le;

import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.testing.LeBytes;
import io.etw4j.core.testing.SyntheticEtl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Builds an {@code SCM.EVM} file byte by byte with the session parameters of {@code ../shared/notes/scm-session.md}
 * (Chappell; public decompilation of services.exe, ScStartTracingSession): logger name {@code SCM}, LogFileMode
 * 0x10000002 (EVENT_TRACE_FILE_MODE_CIRCULAR | EVENT_TRACE_NO_PER_PROCESSOR_BUFFERING), 128 KB buffers, MaximumFileSize
 * 5 MB: 40 buffers, the first holding the logfile header, the other 39 a ring.
 *
 * <p>The test writes "ring buffers" 0, 1, 2 ... in the order the session filled them, each stamped one second after
 * the one before; buffer {@code k} goes to ring slot {@code k mod 39}, so a boot that wrote more than 39 keeps only
 * the last 39, its newest in the slots before its oldest (the layout of a wrapped circular file is inferred from the
 * mode's documentation: the oldest buffers are overwritten). The header says BuffersWritten = 1 + the ring buffers
 * written, MaximumFileSize = 5 (patched into the TRACE_LOGFILE_HEADER at its x64 offsets 0x1C and 0x24).
 */
public final class ScmEvmFile {
    public static final int BUFFER_SIZE = 128 * 1024;
    public static final int MAX_FILE_MB = 5;
    public static final int RING_SLOTS = MAX_FILE_MB * 1024 * 1024 / BUFFER_SIZE - 1;
    public static final int LOG_FILE_MODE = 0x10000002;
    public static final int SERVICES_EXE = 700;
    /** A TraceLogging provider name for the test (the real provider's name is not in the notes' sources). */
    public static final String TL_PROVIDER_NAME = "ScmTraceLoggingStandIn";
    /** Offset of TRACE_LOGFILE_HEADER in the file: buffer header 0x48 + SYSTEM_TRACE_HEADER 0x20. */
    private static final int LOGFILE_HEADER = 0x48 + 0x20;

    private final Instant start;
    private final Instant bootTime;
    private final long startQpc = 1_000_000_000L;
    private final TreeMap<Integer, List<Consumer<SyntheticEtl>>> ring = new TreeMap<>();
    private int ringBuffersWritten;

    public ScmEvmFile(Instant bootTime, Duration startAfterBoot) {
        this.bootTime = bootTime;
        this.start = bootTime.plus(startAfterBoot);
    }

    public Instant start() {
        return start;
    }

    /** The time of ring buffer {@code k}'s records: k + 1 seconds after the start, plus {@code millis}. */
    public Instant at(int k, long millis) {
        return start.plusSeconds(k + 1L).plusMillis(millis);
    }

    private long qpc(Instant t) {
        return startQpc + Duration.between(start, t).toNanos() / 100; // 10 MHz
    }

    /** Declares that the session wrote ring buffers 0 .. n-1 (each gets a TraceLogging record at least). */
    public ScmEvmFile ringBuffersWritten(int n) {
        ringBuffersWritten = n;
        return this;
    }

    /** A WPP message from services.exe in ring buffer {@code k}, {@code millis} after the buffer's second. */
    public ScmEvmFile wpp(int k, long millis, UUID guid, int number, int tid, byte[] payload) {
        Instant t = at(k, millis);
        ring.computeIfAbsent(k, x -> new ArrayList<>()).add(etl -> etl.message(m -> m.guid(guid).number(number)
                .sequence(k * 100 + (int) millis).timestamp(qpc(t)).systemInfo(SERVICES_EXE, tid).payload(payload)));
        return this;
    }

    /** A TraceLogging record of the SCM session's provider: event "BufferMark", field "ring" = {@code k}. */
    private void traceLogging(SyntheticEtl etl, int k) {
        // TraceLogging event metadata (TraceLoggingProvider.h): UINT16 size, tag byte 0, event name, then each field's
        // name and in-type (8 TlgInUINT32, 1 TlgInUNICODESTRING).
        LeBytes m = le().u16(0).u8(0).utf8z("BufferMark").utf8z("ring").u8(8).utf8z("note").u8(1);
        byte[] meta = m.patch(0, m.size(), 2).bytes();
        byte[] traits = le().u16(2 + TL_PROVIDER_NAME.length() + 1).utf8z(TL_PROVIDER_NAME).bytes();
        long t = qpc(at(k, 900));
        etl.event(e -> e.provider(ScmHistory.SCM_TRACELOGGING_GUID).id(0).level(5).processId(SERVICES_EXE)
                .threadId(SERVICES_EXE + 4).timestamp(t).flags(0x0040) // EVENT_HEADER_FLAG_64_BIT_HEADER
                .extendedData(ExtendedDataItem.EVENT_SCHEMA_TL, meta).extendedData(ExtendedDataItem.PROV_TRAITS, traits)
                .payload(le().u32(k).utf16z("ring buffer " + k).bytes()));
    }

    /** The file's bytes. */
    public byte[] build() {
        SyntheticEtl etl = new SyntheticEtl().bufferSize(BUFFER_SIZE).loggerName("SCM")
                .logFileName("C:\\Windows\\system32\\LogFiles\\Scm\\SCM.EVM").logFileMode(LOG_FILE_MODE)
                .startQpc(startQpc).perfFreq(10_000_000L).startTime(start).bootTime(bootTime).numberOfProcessors(4)
                .providerVersion(22631);
        int slots = Math.min(ringBuffersWritten, RING_SLOTS);
        int firstSurviving = ringBuffersWritten - slots;
        for (int slot = 0; slot < slots; slot++) {
            // the newest buffer written in this slot
            int k = slot + RING_SLOTS * ((ringBuffersWritten - 1 - slot) / RING_SLOTS);
            if (k < firstSurviving) {
                throw new AssertionError("slot " + slot);
            }
            etl.newBuffer(0, qpc(at(k, 999)));
            for (Consumer<SyntheticEtl> r : ring.getOrDefault(k, List.of())) {
                r.accept(etl);
            }
            traceLogging(etl, k);
        }
        byte[] image = etl.build();
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(LOGFILE_HEADER + 0x1C, MAX_FILE_MB); //       MaximumFileSize (MB)
        b.putInt(LOGFILE_HEADER + 0x24, 1 + ringBuffersWritten); // BuffersWritten
        return image;
    }
}
