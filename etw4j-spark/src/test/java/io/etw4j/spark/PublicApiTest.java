package io.etw4j.spark;

import io.etw4j.core.testing.api.ApiListing;
import org.junit.jupiter.api.Test;

/** etw4j-spark's public API equals the checked-in listing {@code etw4j-spark/api/etw4j-spark.api} (DEVELOPERS.md). */
class PublicApiTest {
    @Test
    void equalsTheCheckedInListing() {
        ApiListing.verify();
    }
}
