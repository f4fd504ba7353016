package io.etw4j.spark.internal;

import java.io.Serializable;
import java.util.Locale;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The options of one read, parsed once on the driver and shipped with every partition. Immutable.
 *
 * @param view       records, decoded, scm or files
 * @param splitBytes file bytes per partition of the records and decoded views
 * @param hostFromParentFolder true if the host column is the name of the file's folder
 * @param schemas    a manifest folder or file for the decoded view, or null
 */
public record ReadSettings(String view, long splitBytes, boolean hostFromParentFolder, String schemas)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The default split: 32 MiB of file per partition. */
    public static final long DEFAULT_SPLIT_BYTES = 32L << 20;

    /** {@return the view named by option {@code view} (default records)} */
    public static String view(CaseInsensitiveStringMap options) {
        String v = options.getOrDefault("view", "records").toLowerCase(Locale.ROOT);
        switch (v) {
            case "records":
            case "decoded":
            case "scm":
            case "files":
                return v;
            default:
                throw new IllegalArgumentException("etw4j: option view must be records, decoded, scm or files, not "
                        + v);
        }
    }

    /** {@return the settings in {@code options}} */
    public static ReadSettings of(CaseInsensitiveStringMap options) {
        long split = Long.parseLong(options.getOrDefault("splitBytes", Long.toString(DEFAULT_SPLIT_BYTES)));
        if (split < 1) {
            throw new IllegalArgumentException("etw4j: splitBytes must be positive: " + split);
        }
        String host = options.getOrDefault("host", "none").toLowerCase(Locale.ROOT);
        if (!host.equals("none") && !host.equals("parent-folder")) {
            throw new IllegalArgumentException("etw4j: option host must be none or parent-folder, not " + host);
        }
        return new ReadSettings(view(options), split, host.equals("parent-folder"), options.get("schemas"));
    }
}
