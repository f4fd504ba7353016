package io.etw4j.scm.internal.kernel;

import java.util.UUID;

/**
 * Identity of the Microsoft-Windows-Kernel-Process manifest provider and the events etw4j decodes from it.
 *
 * <p>Sources (manifest dumps; the field lists are cited per event in the header of etw-scm's shipped manifest
 * {@code io/etw4j/scm/manifests/Microsoft-Windows-Kernel-Process.man}):
 * <ul>
 *   <li>jdu2600/Windows10EtwEvents {@code manifest/Microsoft-Windows-Kernel-Process.tsv} (commit 8fe2f833): event ids,
 *       versions, keyword names (WINEVENT_KEYWORD_PROCESS, WINEVENT_KEYWORD_IMAGE).</li>
 *   <li>OTRF/OSSEM {@code data_dictionaries/windows/etw-providers/Microsoft-Windows-Kernel-Process/} (generated from
 *       the provider manifest): ProcessStart v3, ProcessStop v2, ProcessRundown v1.</li>
 *   <li>The GUID: the detection-wiki Kernel-Process page (provider guid
 *       {22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716}).</li>
 * </ul>
 * Keyword values WINEVENT_KEYWORD_PROCESS = 0x10 and WINEVENT_KEYWORD_IMAGE = 0x40: a live capture shown on the
 * detection-wiki page carries keywords 0x8000000000000010 for ProcessStart (0x10 plus the channel bit), consistent
 * with that.
 */
public final class KernelProcessProvider {
    /** Provider GUID of Microsoft-Windows-Kernel-Process. */
    public static final UUID GUID = UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716");

    /** WINEVENT_KEYWORD_PROCESS: process start/stop/rundown. */
    public static final long KEYWORD_PROCESS = 0x10L;
    /** WINEVENT_KEYWORD_IMAGE: image load/unload. */
    public static final long KEYWORD_IMAGE = 0x40L;

    /** ProcessStart (task ProcessStart, opcode win:Start), versions 0..5 (v5 unconfirmed, see the shipped manifest). */
    public static final int PROCESS_START = 1;
    /** ProcessStop (task ProcessStop, opcode win:Stop), versions 0..2. */
    public static final int PROCESS_STOP = 2;
    /** ImageLoad (task ImageLoad), version 0. */
    public static final int IMAGE_LOAD = 5;
    /**
     * ProcessRundown (task ProcessRundown), versions 0..3 (v2, v3 unconfirmed, see the shipped manifest): processes
     * alive when the provider is asked to capture its state (EVENT_CONTROL_CODE_CAPTURE_STATE, EnableTraceEx2 doc); no
     * request, no rundown.
     */
    public static final int PROCESS_RUNDOWN = 15;

    private KernelProcessProvider() {
    }
}
