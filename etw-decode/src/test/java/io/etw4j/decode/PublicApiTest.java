package io.etw4j.decode;

import io.etw4j.core.testing.api.ApiListing;
import org.junit.jupiter.api.Test;

/** etw-decode's public API equals the checked-in listing {@code etw-decode/api/etw-decode.api} (DEVELOPERS.md). */
class PublicApiTest {
    @Test
    void equalsTheCheckedInListing() {
        ApiListing.verify();
    }
}
