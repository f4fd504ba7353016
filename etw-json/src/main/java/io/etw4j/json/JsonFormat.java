package io.etw4j.json;

/**
 * The shape of the lines a {@link JsonLinesWriter} writes. Every line of every format carries
 * {@code "etw4j.schema"} ({@link JsonLinesWriter#SCHEMA_VERSION}), the version of etw4j's field layout; a rename or
 * removal of a field increments it.
 */
public enum JsonFormat {
    /**
     * etw4j's own fields, the form the samples print by default (the project's JSON-FORMAT.md): every key of a line type
     * always present, nothing dropped.
     */
    NATIVE,
    /**
     * The Elastic Common Schema: {@code @timestamp}, {@code event.*}, {@code process.*}, {@code service.name},
     * {@code file.path}, {@code ecs.version}; what ECS has no field for under {@code etw4j.*} (JSON-FORMAT.md, "ECS").
     * Checked in the build against ECS {@value JsonLinesWriter#ECS_VERSION}.
     */
    ECS,
    /**
     * The Open Cybersecurity Schema Framework: one event class per line ({@code class_uid}, {@code activity_id},
     * {@code type_uid}, {@code metadata}, {@code actor}, {@code time}); what OCSF has no attribute for under
     * {@code unmapped} (JSON-FORMAT.md, "OCSF"). Checked in the build against OCSF {@value JsonLinesWriter#OCSF_VERSION}.
     */
    OCSF
}
