package io.etw4j.spark.internal;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The Spark schema of each view (README "Spark" lists the columns). */
public final class ViewSchemas {

    private ViewSchemas() {
    }

    private static final DataType EXTENDED = DataTypes.createArrayType(new StructType()
            .add("type", DataTypes.IntegerType, false).add("data", DataTypes.BinaryType, false));
    private static final DataType STRING_MAP = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);
    private static final DataType VARIANT_MAP = DataTypes.createMapType(DataTypes.StringType, DataTypes.VariantType);

    /** One row per record. */
    public static final StructType RECORDS = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("host", DataTypes.StringType, true)
            .add("header_kind", DataTypes.StringType, false)
            .add("time", DataTypes.TimestampType, false)
            .add("raw_timestamp", DataTypes.LongType, false)
            .add("pid", DataTypes.IntegerType, false)
            .add("tid", DataTypes.IntegerType, false)
            .add("cpu", DataTypes.IntegerType, false)
            .add("provider_id", DataTypes.StringType, false)
            .add("provider_name", DataTypes.StringType, true)
            .add("event_id", DataTypes.IntegerType, false)
            .add("version", DataTypes.IntegerType, false)
            .add("channel", DataTypes.IntegerType, false)
            .add("level", DataTypes.IntegerType, false)
            .add("opcode", DataTypes.IntegerType, false)
            .add("task", DataTypes.IntegerType, false)
            .add("keyword", DataTypes.LongType, false)
            .add("flags", DataTypes.IntegerType, false)
            .add("activity_id", DataTypes.StringType, false)
            .add("payload", DataTypes.BinaryType, false)
            .add("extended_data", EXTENDED, false);

    /** The records view plus the decoded fields, as text ({@code fields}) and typed ({@code typed_fields}). */
    public static final StructType DECODED = RECORDS
            .add("decoded", DataTypes.BooleanType, false)
            .add("event_name", DataTypes.StringType, true)
            .add("fields", STRING_MAP, true)
            .add("typed_fields", VARIANT_MAP, true);

    /** One row per typed SCM event. */
    public static final StructType SCM = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("host", DataTypes.StringType, true)
            .add("boot_time", DataTypes.TimestampType, true)
            .add("session_start", DataTypes.TimestampType, true)
            .add("type", DataTypes.StringType, false)
            .add("time", DataTypes.TimestampType, false)
            .add("service_name", DataTypes.StringType, true)
            .add("client_pid", DataTypes.IntegerType, false)
            .add("client_image", DataTypes.StringType, true)
            .add("client_command_line", DataTypes.StringType, true)
            .add("client_parent_pid", DataTypes.IntegerType, true)
            .add("client_resolution", DataTypes.StringType, false)
            .add("evidence", DataTypes.StringType, false)
            .add("fields", STRING_MAP, false)
            .add("provider_id", DataTypes.StringType, false)
            .add("event_id", DataTypes.IntegerType, false);

    /** One row per file: what the reader met. */
    public static final StructType FILES = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("host", DataTypes.StringType, true)
            .add("logger", DataTypes.StringType, true)
            .add("start_time", DataTypes.TimestampType, true)
            .add("buffers_expected", DataTypes.LongType, false)
            .add("buffers_found", DataTypes.LongType, false)
            .add("buffers_read", DataTypes.LongType, false)
            .add("buffers_skipped", DataTypes.LongType, false)
            .add("records", DataTypes.LongType, false)
            .add("records_skipped", DataTypes.LongType, false)
            .add("bytes_skipped", DataTypes.LongType, false)
            .add("lost_ranges", DataTypes.createArrayType(new StructType()
                    .add("start", DataTypes.LongType, false).add("end", DataTypes.LongType, false)), false)
            .add("truncated", DataTypes.BooleanType, false)
            .add("damaged", DataTypes.BooleanType, false)
            .add("errors", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
            .add("error", DataTypes.StringType, true);

    /** {@return the schema of {@code view}} */
    public static StructType of(String view) {
        switch (view) {
            case "decoded":
                return DECODED;
            case "scm":
                return SCM;
            case "files":
                return FILES;
            default:
                return RECORDS;
        }
    }
}
