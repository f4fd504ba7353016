package io.etw4j.scm;

import io.etw4j.core.testing.api.ApiListing;
import org.junit.jupiter.api.Test;

/** etw-scm's public API equals the checked-in listing {@code etw-scm/api/etw-scm.api} (DEVELOPERS.md). */
class PublicApiTest {
    @Test
    void equalsTheCheckedInListing() {
        ApiListing.verify();
    }
}
