package io.etw4j.core.etl;

/**
 * A range of an .etl file the reader could not read records from: a damaged buffer and whatever lay between it and
 * the next buffer header the reader could trust. Immutable.
 *
 * @param start file offset of the first byte not read (the offset of the damaged buffer header)
 * @param end   file offset just past the last byte not read (where reading went on, or the file's size)
 */
public record EtlLostRange(long start, long end) {

    /**
     * Checks the range.
     *
     * @param start file offset of the first byte not read
     * @param end   file offset just past the last byte not read
     */
    public EtlLostRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }

    /** {@return the number of bytes in the range} */
    public long length() {
        return end - start;
    }

    @Override
    public String toString() {
        return "[0x" + Long.toHexString(start) + ", 0x" + Long.toHexString(end) + ")";
    }
}
