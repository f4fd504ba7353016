package io.etw4j.scm.internal.services;

import java.util.UUID;

/**
 * Identity of the Microsoft-Windows-Services manifest provider ("Microsoft-Windows-Service Control Manager Performance
 * Diagnostic Provider", logged by services.exe) and the events etw4j decodes from it.
 *
 * <p>Source: the provider manifest as dumped by WEPExplorer in nasbench/EVTX-ETW-Resources
 * {@code ETWProvidersManifests/Windows11/21H2/W11_21H2_Pro-Dev_19700101_21996.1/WEPExplorer/Microsoft-Windows-Services.xml}
 * (GUID, keywords, tasks, templates), and jdu2600/Windows10EtwEvents {@code manifest/Microsoft-Windows-Services.tsv}
 * (commit 5444e040; same ids and fields, all version 0). Older Windows 10 dumps (jdu2600 commit 935ba8d0) list only
 * events 101-107: events 200-205 exist only on builds whose manifest has them.
 */
public final class ServicesProvider {
    /** Provider GUID of Microsoft-Windows-Services. */
    public static final UUID GUID = UUID.fromString("0063715b-eeda-4007-9429-ad526f62696e");

    /** Keyword "Performance" (65536): events 101-109, including 105 ServiceStatusChange. */
    public static final long KEYWORD_PERFORMANCE = 0x10000L;
    /** Keyword "Control" (1048576): event 200 SendControl. */
    public static final long KEYWORD_CONTROL = 0x100000L;
    /** Keyword "ConfigChange" (2097152): events 201-203 ServiceConfigChange. */
    public static final long KEYWORD_CONFIG_CHANGE = 0x200000L;
    /** Keyword "ServiceStart" (4194304): events 204-205 ServiceStart. */
    public static final long KEYWORD_SERVICE_START = 0x400000L;

    /** ServiceStatusChange v0 (task ServiceStatusChange, opcode StatusChange). */
    public static final int SERVICE_STATUS_CHANGE = 105;
    /** SendControl v0. */
    public static final int SEND_CONTROL = 200;
    /** ServiceConfigChange v0: the start type changed. */
    public static final int CONFIG_CHANGE_START_TYPE = 201;
    /** ServiceConfigChange202 v0: a named value changed. */
    public static final int CONFIG_CHANGE_202 = 202;
    /** ServiceConfigChange203 v0: a named value changed (what distinguishes it from 202 is not published). */
    public static final int CONFIG_CHANGE_203 = 203;
    /** ServiceStart v0 (with ServiceHostName). */
    public static final int SERVICE_START = 204;
    /** ServiceStart205 v0 (with load-order group, svchost group and flags). */
    public static final int SERVICE_START_205 = 205;

    private ServicesProvider() {
    }
}
