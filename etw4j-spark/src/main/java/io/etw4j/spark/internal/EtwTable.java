package io.etw4j.spark.internal;

import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The table of one {@code spark.read.format("etw4j")}: batch reads only. Immutable. */
public final class EtwTable implements SupportsRead {

    private final StructType schema;
    private final CaseInsensitiveStringMap properties;

    public EtwTable(StructType schema, CaseInsensitiveStringMap properties) {
        this.schema = schema;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "etw4j(" + ReadSettings.view(properties) + ")";
    }

    @Override
    public StructType schema() {
        return schema;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return EnumSet.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        java.util.Map<String, String> all = new java.util.HashMap<>(properties);
        all.putAll(options);
        CaseInsensitiveStringMap merged = new CaseInsensitiveStringMap(all);
        return new EtwScanBuilder(schema, ReadSettings.of(merged), PathExpansion.files(merged));
    }
}
