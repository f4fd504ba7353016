package io.etw4j.json.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times of the ECS and OCSF lines: RFC 3339 in UTC with exactly 9 fraction digits
 * ({@code 2026-12-08T01:02:03.123456700Z}), one width for every line, so that readers that detect a format per column
 * (DuckDB's {@code read_json_auto}) see one. Stateless.
 */
final class Rfc3339 {
    private static final DateTimeFormatter NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Rfc3339() {
    }

    static String of(Instant t) {
        return NANOS.format(t);
    }
}
