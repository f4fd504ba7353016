/**
 * etw4j JSON: JSON lines of ETW records, decoded events and SCM events ({@link io.etw4j.json.JsonLinesWriter}), in
 * etw4j's own versioned format or mapped to the Elastic Common Schema or OCSF ({@link io.etw4j.json.JsonFormat}).
 * No logging binding, no command line.
 *
 * <p>Exported to everyone: {@code io.etw4j.json}. The {@code internal} packages are not exported.
 */
module io.etw4j.json {
    requires transitive io.etw4j.core;
    requires transitive io.etw4j.decode;
    requires transitive io.etw4j.scm;
    requires com.fasterxml.jackson.core;
    requires com.sun.jna;

    exports io.etw4j.json;
}
