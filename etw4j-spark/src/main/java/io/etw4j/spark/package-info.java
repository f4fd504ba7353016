/**
 * etw4j as an Apache Spark DataSource V2: {@link io.etw4j.spark.EtwDataSource}, {@code spark.read.format("etw4j")}.
 * The other classes of the module are in {@code io.etw4j.spark.internal} and are not API.
 */
package io.etw4j.spark;
