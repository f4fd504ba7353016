/**
 * The payload decoder behind {@link io.etw4j.decode.EventDecoder}; not API. {@code PayloadDecoder} walks a schema's
 * layout (counts, lengths, structs, arrays), {@code InTypeReader} reads each in-type on etw-core's little-endian
 * primitives, {@code OutTypes} applies the out-type formatting; {@code FieldMap} / {@code PropertyList} hold the
 * decoded values, {@code MapEntries} the value maps, {@code KernelMofTable} the shipped kernel MOF classes.
 */
package io.etw4j.decode.internal;
