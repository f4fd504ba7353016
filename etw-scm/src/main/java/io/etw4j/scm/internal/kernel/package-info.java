/**
 * Microsoft-Windows-Kernel-Process records for the process table: {@code KernelProcessRecords} adapts etw-decode's
 * decoding with the shipped manifest to the typed {@code KernelProcessRecord}s. Not API.
 */
package io.etw4j.scm.internal.kernel;
