package io.etw4j.spark.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

/**
 * Builds the scan of one query: the columns it needs (a column not selected is not filled, so an unselected
 * payload is never copied) and the filters on {@code time} and {@code provider_id} of the records and decoded views
 * (applied per record before a row is built). Every filter is also returned as a post-scan filter: Spark re-checks
 * them, so results are exact whatever is pushed. Used by one thread (the planner).
 */
final class EtwScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns, SupportsPushDownFilters {

    private final ReadSettings settings;
    private final List<String> files;
    private StructType required;
    private final RecordFilter filter = new RecordFilter();
    private Filter[] pushed = new Filter[0];

    EtwScanBuilder(StructType schema, ReadSettings settings, List<String> files) {
        this.required = schema;
        this.settings = settings;
        this.files = files;
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
        this.required = requiredSchema;
    }

    @Override
    public Filter[] pushFilters(Filter[] filters) {
        List<Filter> taken = new ArrayList<>();
        if (settings.view().equals("records") || settings.view().equals("decoded")) {
            for (Filter f : filters) {
                if (filter.add(f)) {
                    taken.add(f);
                }
            }
        }
        pushed = taken.toArray(new Filter[0]);
        return filters; // all post-scan: Spark re-applies them (the pushed ones only save rows)
    }

    @Override
    public Filter[] pushedFilters() {
        return pushed.clone();
    }

    @Override
    public Scan build() {
        return new EtwScan(settings, files, required, filter);
    }
}
