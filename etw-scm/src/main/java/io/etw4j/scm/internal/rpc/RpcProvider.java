package io.etw4j.scm.internal.rpc;

import java.util.UUID;

/**
 * Identity of Microsoft-Windows-RPC and the event etw4j reads from it.
 *
 * <p>Sources: the event's fields, task, opcode and level from the provider's manifest as dumped from Windows builds in
 * jdu2600/Windows10EtwEvents {@code manifest/Microsoft-Windows-RPC.tsv} (commit 8a8a66f7; event 5
 * RpcClientCallStart_V1, task RpcClientCall, opcode Start, level Informational, no keywords); the GUID as the provider
 * lists of Microsoft's TSS/TSSv2 support scripts give it for the name Microsoft-Windows-RPC. The provider declares no
 * keywords, so a session cannot narrow it to svcctl calls: it receives every RPC call of every process.
 *
 * <p>Who writes event 5: the RPC runtime of the calling process, at the start of a client call, so the record
 * header's ProcessId and ThreadId are the client's (inferred from EVENT_HEADER's ProcessId definition, "identifies
 * the process that generated the event", evntcons.h documentation). A client that does not use the RPC runtime (a
 * raw named-pipe client) or that patched ETW out of its process writes no event 5.
 */
public final class RpcProvider {
    /** Provider GUID of Microsoft-Windows-RPC. */
    public static final UUID GUID = UUID.fromString("6ad52b32-d609-4be9-ae07-ce8dae937e39");
    /** Event 5 RpcClientCallStart, version 1: a client call started. */
    public static final int CLIENT_CALL_START = 5;
    /** The only version of event 5 the shipped manifest declares. */
    public static final int CLIENT_CALL_START_VERSION = 1;

    private RpcProvider() {
    }
}
