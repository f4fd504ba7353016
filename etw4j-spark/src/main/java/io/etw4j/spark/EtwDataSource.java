package io.etw4j.spark;

import io.etw4j.spark.internal.EtwTable;
import io.etw4j.spark.internal.ReadSettings;
import io.etw4j.spark.internal.ViewSchemas;
import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The Apache Spark DataSource V2 of etw4j: .etl files and SCM history as Spark tables.
 *
 * <pre>{@code
 * Dataset<Row> rows = spark.read().format("etw4j").option("view", "records").load("/evidence/*.etl");
 * }</pre>
 *
 * The short name {@code etw4j} is registered as a {@link DataSourceRegister} service (a {@code META-INF/services}
 * file in the jar); the full class name {@code io.etw4j.spark.EtwDataSource} works as the format too. Options
 * (README "Spark"): {@code view} = {@code records} (default), {@code decoded}, {@code scm} or {@code files};
 * {@code splitBytes} (how many file bytes one partition of the records and decoded views reads; default 32 MiB);
 * {@code host} = {@code parent-folder} (the host column is the name of the folder holding the file) or
 * {@code none} (default: null); {@code schemas} (a folder or file of instrumentation manifests for the decoded view).
 *
 * <p>Paths are local paths (or a shared mount) that every executor can open; a path may be a file, a folder (its
 * .etl and SCM.EVM files, not recursive) or a glob ({@code *}, {@code ?}, {@code [..]}, {@code **} in any part).
 *
 * <p>Spark creates one instance per use; it holds no state and is thread-safe.
 */
public final class EtwDataSource implements TableProvider, DataSourceRegister {

    /** The short name: {@code spark.read.format("etw4j")}. */
    public static final String SHORT_NAME = "etw4j";

    /** Creates the source (Spark calls it by reflection). */
    public EtwDataSource() {
    }

    @Override
    public String shortName() {
        return SHORT_NAME;
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return ViewSchemas.of(ReadSettings.view(options));
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new EtwTable(schema, new CaseInsensitiveStringMap(properties));
    }
}
