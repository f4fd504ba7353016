/**
 * Reading .etl files in pure Java, on any operating system: the "file" source of {@link io.etw4j.core.EventRecord}s.
 *
 * <p>{@link io.etw4j.core.etl.EtlFile} is a {@link io.etw4j.core.RecordSource} whose
 * {@link io.etw4j.core.etl.EtlFile#records()} gives the same records a live session gives (the logfile header record
 * first), and {@link io.etw4j.core.etl.EtlFile#scan} the same records through one reused
 * {@link io.etw4j.core.etl.RecordView} for bulk consumers (no copy per record); {@link io.etw4j.core.etl.EtlReadOptions} chooses file or timestamp order and strictness;
 * {@link io.etw4j.core.etl.EtlFile#header()} is the file's {@link io.etw4j.core.etl.LogfileHeader};
 * {@link io.etw4j.core.etl.EtlReaderStatistics} says what was read, skipped and lost
 * ({@link io.etw4j.core.etl.EtlLostRange}, {@link io.etw4j.core.etl.EtlErrorKind}). A malformed file gives an
 * {@link io.etw4j.core.etl.EtlFormatException} in strict mode (otherwise the damage is counted and skipped), an
 * unreadable one an {@link io.etw4j.core.etl.EtlIoException}.
 *
 * <pre>{@code
 * EtlFile etl = EtlFile.open(Path.of("trace.etl"));
 * etl.records().subscribe(r -> System.out.println(r.timestamp() + " " + r.providerId() + " id " + r.id()));
 * System.out.println(etl.statistics());          // what was read, skipped and why
 * }</pre>
 *
 * Why these types live here: they describe a file and its reading, which a live session never needs. The reader
 * neither relogs nor writes .etl files. All types are immutable or thread-safe as each documents,
 * except the {@code RecordView}, valid during its callback only.
 */
package io.etw4j.core.etl;
