package io.etw4j.spark.internal;

import java.io.Serializable;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One partition: the buffers of {@code file} whose header starts in {@code [from, to)} (records and decoded views),
 * or the whole file (scm and files views: {@code from} 0, {@code to} {@link Long#MAX_VALUE}). Immutable.
 *
 * @param file the file, a local path every executor can open
 * @param from the first file offset of the range
 * @param to   the end of the range (exclusive; {@link Long#MAX_VALUE}: the end of the file)
 */
record EtwInputPartition(String file, long from, long to) implements InputPartition, Serializable {
    private static final long serialVersionUID = 1L;
}
