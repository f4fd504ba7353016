/**
 * Microsoft-Windows-RPC client-call records for the optional corroboration of SCM acts: {@code RpcClientCalls}
 * adapts etw-decode's decoding with the shipped manifest to {@code RpcClientCall}s, and {@code SvcctlOperation} names
 * the svcctl procedures whose calls are kept. Not API.
 */
package io.etw4j.scm.internal.rpc;
