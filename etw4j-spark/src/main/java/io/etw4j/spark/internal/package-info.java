/** The implementation of the etw4j Spark source (tables, scans, partitions, row readers); not API. */
package io.etw4j.spark.internal;
