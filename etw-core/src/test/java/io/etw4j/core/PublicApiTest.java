package io.etw4j.core;

import io.etw4j.core.testing.api.ApiListing;
import org.junit.jupiter.api.Test;

/** etw-core's public API equals the checked-in listing {@code etw-core/api/etw-core.api} (DEVELOPERS.md). */
class PublicApiTest {
    @Test
    void equalsTheCheckedInListing() {
        ApiListing.verify();
    }
}
