package io.etw4j.samples.command;

import io.etw4j.core.etl.EtlLostRange;
import io.etw4j.core.etl.EtlReaderStatistics;
import java.util.ArrayList;
import java.util.List;

/**
 * What the commands that read an .etl file say on stderr about the read ({@link EtlReaderStatistics}): one summary
 * line, one line per damaged part, and whether the read found problems (exit code 1). Stateless.
 */
final class ReaderReport {
    private ReaderReport() {
    }

    /**
     * True if the read found something a reader of the output must know: malformed parts (errors, skipped buffers)
     * or buffers the logger marked as having lost events (the capture has gaps).
     */
    static boolean problems(EtlReaderStatistics s) {
        return s.errorCount() > 0 || s.damaged() || s.buffersMarkedLost() > 0;
    }

    /**
     * One line per part of the file that was not read ({@code lost bytes 0x..-0x.. (N bytes)}), then
     * one line counting the distinct ranges beyond those listed, {@code truncated: N of M buffers} if the file was cut
     * short; empty for an undamaged file.
     */
    static List<String> damage(EtlReaderStatistics s) {
        List<String> out = new ArrayList<>();
        for (EtlLostRange r : s.lostRanges()) {
            out.add("lost bytes 0x" + Long.toHexString(r.start()) + "-0x" + Long.toHexString(r.end()) + " ("
                    + r.length() + " bytes) of a damaged buffer and what followed it up to the next buffer found");
        }
        if (s.lostRangesNotListed() > 0) {
            out.add(s.lostRangesNotListed() + " more lost ranges not listed (only the first " + s.lostRanges().size()
                    + " distinct ones are kept)");
        }
        if (s.truncated()) {
            out.add(s.buffersExpected() >= 0
                    ? "truncated: " + s.buffersFound() + " of " + s.buffersExpected() + " buffers"
                    : "truncated: the file ends inside a buffer");
        }
        return out;
    }

    /** The statistics as one line for stderr. */
    static String describe(EtlReaderStatistics s) {
        StringBuilder b = new StringBuilder();
        b.append(s.records()).append(" records, ")
                .append(s.buffersRead()).append(" buffers (").append(s.buffersCompressed()).append(" compressed), ")
                .append(s.bytesRead()).append(" bytes read, ")
                .append(s.recordsSkipped()).append(" records of unmapped kinds passed over, ")
                .append(s.buffersSkipped()).append(" buffers skipped, ")
                .append(s.buffersMarkedLost()).append(" buffers marked lost by the logger, ")
                .append(s.bytesSkipped()).append(" bytes in ").append(s.lostRanges().size() + s.lostRangesNotListed())
                .append(" lost ranges, ")
                .append(s.errorCount()).append(" errors");
        if (!s.errors().isEmpty()) {
            b.append(' ').append(s.errors());
        }
        return b.toString();
    }
}
