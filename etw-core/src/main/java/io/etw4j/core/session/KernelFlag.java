package io.etw4j.core.session;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kernel event groups an NT Kernel Logger or system logger session can collect: the EnableFlags bits of
 * EVENT_TRACE_PROPERTIES (evntrace.h {@code EVENT_TRACE_FLAG_*}; learn.microsoft.com "EVENT_TRACE_PROPERTIES
 * structure", EnableFlags). Each enables one or more MOF event classes of the kernel ("Process", "Image",
 * "TcpIp"...), whose records arrive with the class GUID as provider id and the event type as opcode, as from an .etl
 * file.
 *
 * <p>Groups beyond these 32 bits (the PERFINFO_GROUPMASK of xperf) are set with
 * {@link KernelGroupsBuilder#groupMask(int...)}. Constants: immutable and thread-safe.
 */
public enum KernelFlag {
    /** EVENT_TRACE_FLAG_PROCESS: process start and end (Process class), with a rundown at start. */
    PROCESS(0x0000_0001),
    /** EVENT_TRACE_FLAG_THREAD: thread start and end. */
    THREAD(0x0000_0002),
    /** EVENT_TRACE_FLAG_IMAGE_LOAD: image (executable, DLL, driver) load and unload (Image class). */
    IMAGE_LOAD(0x0000_0004),
    /** EVENT_TRACE_FLAG_PROCESS_COUNTERS: process performance counters. */
    PROCESS_COUNTERS(0x0000_0008),
    /** EVENT_TRACE_FLAG_CSWITCH: context switches. */
    CONTEXT_SWITCH(0x0000_0010),
    /** EVENT_TRACE_FLAG_DPC: deferred procedure calls. */
    DPC(0x0000_0020),
    /** EVENT_TRACE_FLAG_INTERRUPT: interrupt service routines. */
    INTERRUPT(0x0000_0040),
    /** EVENT_TRACE_FLAG_SYSTEMCALL: system calls. */
    SYSTEM_CALL(0x0000_0080),
    /** EVENT_TRACE_FLAG_DISK_IO: disk I/O completion (DiskIo class). */
    DISK_IO(0x0000_0100),
    /** EVENT_TRACE_FLAG_DISK_FILE_IO: file names of disk I/O (FileIo_Name). */
    DISK_FILE_IO(0x0000_0200),
    /** EVENT_TRACE_FLAG_DISK_IO_INIT: disk I/O start. */
    DISK_IO_INIT(0x0000_0400),
    /** EVENT_TRACE_FLAG_DISPATCHER: scheduler ready-thread events. */
    DISPATCHER(0x0000_0800),
    /** EVENT_TRACE_FLAG_MEMORY_PAGE_FAULTS: all page faults. */
    MEMORY_PAGE_FAULTS(0x0000_1000),
    /** EVENT_TRACE_FLAG_MEMORY_HARD_FAULTS: hard page faults. */
    MEMORY_HARD_FAULTS(0x0000_2000),
    /** EVENT_TRACE_FLAG_VIRTUAL_ALLOC: virtual memory allocation and free. */
    VIRTUAL_ALLOC(0x0000_4000),
    /** EVENT_TRACE_FLAG_VAMAP: mapped file views. */
    VAMAP(0x0000_8000),
    /** EVENT_TRACE_FLAG_NETWORK_TCPIP: TCP/IP and UDP/IP send, receive, connect (TcpIp, UdpIp classes). */
    NETWORK_TCPIP(0x0001_0000),
    /** EVENT_TRACE_FLAG_REGISTRY: registry operations (Registry class). */
    REGISTRY(0x0002_0000),
    /** EVENT_TRACE_FLAG_DBGPRINT: DbgPrint output. */
    DBGPRINT(0x0004_0000),
    /** EVENT_TRACE_FLAG_JOB: job objects. */
    JOB(0x0008_0000),
    /** EVENT_TRACE_FLAG_ALPC: advanced local procedure calls. */
    ALPC(0x0010_0000),
    /** EVENT_TRACE_FLAG_SPLIT_IO: split I/O. */
    SPLIT_IO(0x0020_0000),
    /** EVENT_TRACE_FLAG_DEBUG_EVENTS: debugger events. */
    DEBUG_EVENTS(0x0040_0000),
    /** EVENT_TRACE_FLAG_DRIVER: driver I/O request packets. */
    DRIVER(0x0080_0000),
    /** EVENT_TRACE_FLAG_PROFILE: sampled profile. */
    PROFILE(0x0100_0000),
    /** EVENT_TRACE_FLAG_FILE_IO: file I/O completion (FileIo class). */
    FILE_IO(0x0200_0000),
    /** EVENT_TRACE_FLAG_FILE_IO_INIT: file I/O start (create, read, write... with their file object). */
    FILE_IO_INIT(0x0400_0000),
    /** EVENT_TRACE_FLAG_NO_SYSCONFIG: do not log the SystemConfig rundown at the end of the session. */
    NO_SYSCONFIG(0x1000_0000);

    private final int value;

    KernelFlag(int value) {
        this.value = value;
    }

    /** {@return the EVENT_TRACE_FLAG_* bit} */
    public int value() {
        return value;
    }

    /**
     * {@return the EnableFlags value of {@code flags}: their bits or'ed}
     *
     * @param flags the groups
     */
    public static int mask(Collection<KernelFlag> flags) {
        int m = 0;
        for (KernelFlag f : flags) {
            m |= f.value;
        }
        return m;
    }

    /**
     * {@return the flags whose bits are set in {@code enableFlags} (bits without a flag here are ignored)}
     *
     * @param enableFlags an EnableFlags value
     */
    public static Set<KernelFlag> of(int enableFlags) {
        Set<KernelFlag> out = EnumSet.noneOf(KernelFlag.class);
        for (KernelFlag f : values()) {
            if ((enableFlags & f.value) != 0) {
                out.add(f);
            }
        }
        return out;
    }
}
