/**
 * The pure-Java .etl reader behind {@link io.etw4j.core.etl.EtlFile}; not API.
 *
 * <p>Layers, bottom up: {@link io.etw4j.core.internal.etl.EtlSource} (positional reads from a file channel or a
 * ByteBuffer), {@code BufferReader} (WMI_BUFFER_HEADER, sizes checked, {@link io.etw4j.core.internal.etl.Lzxpress}
 * for compressed buffers), {@code LogfileHeaderParser}, {@code RecordDecoder} (one record into the reused
 * {@code DecodedRecord}, which is the scan's view and, copied, the {@link io.etw4j.core.EventRecord}), {@link io.etw4j.core.internal.TimestampConverter}, {@code RecordCursor}
 * and {@link io.etw4j.core.internal.etl.EtlReader} (file order or the per-processor {@code TimestampMerge}, errors counted in
 * {@link io.etw4j.core.internal.etl.ReadCounters} or thrown in strict mode). Facts about the format cite
 * the headers that define them (evntrace.h, evntcons.h, ntwmi.h), MS-XCA, and the public parsers dissect.etl and
 * super-speedy-syslog-searcher.
 *
 * <p>Fuzzing entry point: {@code EtlReader.open(EtlSource.of(ByteBuffer.wrap(bytes)), options, new ReadCounters())}
 * then {@code next()} until null; only {@link io.etw4j.core.etl.EtlFormatException} may escape.
 */
package io.etw4j.core.internal.etl;
