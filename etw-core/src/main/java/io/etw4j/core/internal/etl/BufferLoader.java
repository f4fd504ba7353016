package io.etw4j.core.internal.etl;

import java.io.IOException;

/**
 * Loads one buffer a {@link BufferReader#probe} found (status OK or TRUNCATED) into a cursor's {@link EtlBuffer}: at
 * once ({@link BufferReader}) or from what a second thread loaded ahead ({@link DecompressAhead}). Either way the
 * result is the same: the same bytes in {@code buf}, the same exception for the same buffer, the same bytes counted.
 */
interface BufferLoader {

    /**
     * Loads buffer {@code p} into {@code buf} (its array may be exchanged for another of the loader's).
     *
     * @throws io.etw4j.core.etl.EtlFormatException as {@link BufferReader#load}
     * @throws IOException                          if the file cannot be read
     */
    void load(BufferReader.Probe p, EtlBuffer buf) throws IOException;
}
