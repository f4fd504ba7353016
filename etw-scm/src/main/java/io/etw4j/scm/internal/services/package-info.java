/**
 * Microsoft-Windows-Services records for the correlator: {@code ServicesRecords} adapts etw-decode's decoding with the
 * shipped manifest to the typed {@code ServicesRecord}s. Not API.
 */
package io.etw4j.scm.internal.services;
