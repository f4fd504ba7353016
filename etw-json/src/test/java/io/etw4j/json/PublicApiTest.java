package io.etw4j.json;

import io.etw4j.core.testing.api.ApiListing;
import org.junit.jupiter.api.Test;

/** etw-json's public API equals the checked-in listing {@code etw-json/api/etw-json.api} (DEVELOPERS.md). */
class PublicApiTest {
    @Test
    void equalsTheCheckedInListing() {
        ApiListing.verify();
    }
}
