/**
 * The filters of the reading commands, apart from picocli: which records or events pass ({@link
 * io.etw4j.samples.filter.RecordFilter}, with the times of {@link io.etw4j.samples.filter.TimeBound}) and the
 * {@code --fields} projection of the JSON lines ({@link io.etw4j.samples.filter.FieldProjection}). The options
 * themselves are the {@code FilterOptions} mixin of {@link io.etw4j.samples.command}.
 */
package io.etw4j.samples.filter;
