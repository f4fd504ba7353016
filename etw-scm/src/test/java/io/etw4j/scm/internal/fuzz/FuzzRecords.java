package io.etw4j.scm.internal.fuzz;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.EventRecordBuilder;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.scm.internal.correlation.FakeWppDecoder;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import io.etw4j.scm.internal.services.ServicesProvider;
import java.time.Instant;
import java.util.UUID;

/**
 * Test helper: builds {@link EventRecord}s of the providers etw-scm decodes from fuzzer bytes, steering most ids
 * towards the ones a decoder handles so that the fuzzer spends its time in the payload readers.
 */
final class FuzzRecords {
    /** Kernel-Process ids the decoder handles (KernelProcessProvider). */
    static final int[] KERNEL_IDS = {KernelProcessProvider.PROCESS_START, KernelProcessProvider.PROCESS_STOP,
            KernelProcessProvider.IMAGE_LOAD, KernelProcessProvider.PROCESS_RUNDOWN};
    /** Microsoft-Windows-Services ids the decoder handles (ServicesProvider). */
    static final int[] SERVICES_IDS = {ServicesProvider.SERVICE_STATUS_CHANGE, ServicesProvider.SEND_CONTROL,
            ServicesProvider.CONFIG_CHANGE_START_TYPE, ServicesProvider.CONFIG_CHANGE_202,
            ServicesProvider.CONFIG_CHANGE_203, ServicesProvider.SERVICE_START, ServicesProvider.SERVICE_START_205};
    /** Message numbers the WPP stand-in handles (FakeWppDecoder). */
    static final int[] WPP_IDS = {FakeWppDecoder.CREATE, FakeWppDecoder.TEST_START, FakeWppDecoder.TEST_CONTROL,
            FakeWppDecoder.TEST_CONFIG};

    /** Header flag byte: bit 0 = logged by a 32-bit process (4-byte pointers in the payload). */
    static final int BIT_32 = 0x01;
    /** Header flag byte: bit 1 = an EVENT_HEADER_EXT_TYPE_PROCESS_START_KEY item follows (8 bytes). */
    static final int BIT_START_KEY = 0x02;

    private FuzzRecords() {
    }

    /**
     * An id: a selector whose bit 15 is clear picks one of {@code handled}; otherwise the low 15 bits are the raw id
     * (mostly ids no decoder handles).
     */
    static int id(int selector, int[] handled) {
        return (selector & 0x8000) == 0 ? handled[selector % handled.length] : selector & 0x7FFF;
    }

    /**
     * A version: below 0x80 one of 0..5 (every published version of ProcessStart, versions beyond the published ones
     * for the other ids), otherwise the raw byte (no published layout).
     */
    static int version(int b) {
        return b < 0x80 ? b % 6 : b;
    }

    /** One record of {@code provider}; {@code wpp} makes it a TraceMessage record as WPP records are delivered. */
    static EventRecord record(UUID provider, boolean wpp, int id, int version, int flagBits, long startKey, int pid,
            Instant time, byte[] payload) {
        int flags = (flagBits & BIT_32) != 0 ? EventRecord.FLAG_32_BIT_HEADER : EventRecord.FLAG_64_BIT_HEADER;
        if (wpp) {
            flags |= EventRecord.FLAG_TRACE_MESSAGE;
        }
        EventRecordBuilder b = EventRecord.builder()
                .headerKind(wpp ? HeaderKind.MESSAGE : HeaderKind.EVENT)
                .providerId(provider)
                .descriptor(new EventDescriptor(id, wpp ? 0 : version, 0, 4, 0, 0, 0))
                .processId(pid)
                .threadId(pid + 4)
                .timestamp(time)
                .payload(payload);
        if ((flagBits & BIT_START_KEY) != 0) {
            flags |= EventRecord.FLAG_EXTENDED_INFO;
            byte[] key = new byte[8];
            for (int i = 0; i < 8; i++) {
                key[i] = (byte) (startKey >>> (8 * i));
            }
            b.addExtendedData(new ExtendedDataItem(ExtendedDataItem.PROCESS_START_KEY, key));
        }
        return b.flags(flags).build();
    }
}
