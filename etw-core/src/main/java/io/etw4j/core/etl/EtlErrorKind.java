package io.etw4j.core.etl;

/**
 * What was wrong with a part of an .etl file, as reported by {@link EtlFormatException#kind()} and counted by
 * {@link EtlReaderStatistics#errors()}.
 */
public enum EtlErrorKind {
    /** The file ends inside a buffer header or inside a buffer whose BufferSize says it goes on. */
    TRUNCATED_FILE,
    /** A WMI_BUFFER_HEADER whose sizes cannot be true (BufferSize below 0x48 or above the limit, FilledBytes past
     *  the buffer, a compressed buffer that does not decompress to FilledBytes). */
    BAD_BUFFER_HEADER,
    /** The compressed bytes of a buffer are not valid MS-XCA plain LZ77 data. */
    DECOMPRESSION_FAILED,
    /** The first record of the file is not a readable logfile header (SYSTEM header, hook 0, TRACE_LOGFILE_HEADER). */
    BAD_LOGFILE_HEADER,
    /** A record whose size runs past the end of its buffer's filled bytes. */
    RECORD_OVERRUN,
    /** A record too short for its own header, or whose inner fields (extended data, WPP optional fields) do not fit. */
    BAD_RECORD,
    /** A record marker with a header type this reader does not know. */
    UNKNOWN_HEADER_TYPE,
    /**
     * A part refused because reading it would cost more than the reader's budget (see {@link EtlFile}): a compressed
     * buffer whose FilledBytes exceeds the logfile header's BufferSize (a decompression bomb), or a buffer whose
     * ProcessorIndex is not below the logfile header's NumberOfProcessors. The buffer is skipped and recorded as a
     * lost range; the read goes on at the next buffer.
     */
    LIMIT_EXCEEDED,
    /**
     * Reading the file failed (an {@link java.io.IOException}). Only the internal reader uses it; {@link EtlFile}
     * raises such failures as {@link EtlIoException}, never as an {@link EtlFormatException}.
     */
    IO_ERROR
}
