package io.etw4j.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.decode.PropertyCount;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel MOF table format's count column, in particular {@code *} (elements until the payload ends). */
class KernelMofTableTest {
    static final String CLASS = "C\t{def2fe46-7bd6-4b80-bd94-f57fe20d0ce3}\t*\tStackWalk_Event\tStackWalk\t32:Stack\n";

    @Test
    void aStarCountIsARemainingArrayOnTheLastProperty() {
        List<KernelMofTable.Entry> e = KernelMofTable.parse(CLASS + "P\tEventTimeStamp\tUINT64\tNULL\t-\t-\n"
                + "P\tStack\tPOINTER\tNULL\t-\t*\n" + CLASS.replace("StackWalk_Event", "Other").replace("*\tOther",
                "2\tOther") + "P\tA\tUINT32\tNULL\t-\t-\n");

        assertThat(e.get(0).properties().get(1).count()).isEqualTo(new PropertyCount.Remaining());
        assertThat(e.get(0).properties().get(0).count()).isEqualTo(PropertyCount.single());
        assertThat(e.get(1).properties().get(0).count()).isEqualTo(PropertyCount.single());
    }

    @Test
    void aStarCountBeforeAnotherPropertyIsRefused() {
        assertThatThrownBy(() -> KernelMofTable.parse(CLASS + "P\tStack\tPOINTER\tNULL\t-\t*\n"
                + "P\tAfter\tUINT32\tNULL\t-\t-\n")).isInstanceOf(KernelMofTable.TableFormatException.class)
                .hasMessage("kernel MOF table line 2: a count of '*' is only for a class's last property");
    }
}
