package io.etw4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Run by the pom's {@code shaded-jar} surefire execution after {@code package}, with the shaded
 * {@code etw4j-spark-*-all.jar} in place of the module's classes and no etw4j, JNA or Reactor jar on the class path:
 * the jar alone is enough for Spark to find the source by its short name and read records and SCM history.
 */
class ShadedJarCheck {

    @Test
    void theShadedJarAloneReadsRecordsAndScmHistory() throws Exception {
        String where = io.etw4j.core.etl.EtlFile.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        String flux = reactor.core.publisher.Flux.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        if (System.getProperty("etw4j.shadedCheck") != null) {
            assertThat(where).endsWith("-all.jar");
            assertThat(flux).endsWith("-all.jar");
        }
        Path ps = RecordsViewTest.capture("powershell.etl");
        long rows = LocalSpark.session().read().format("etw4j").load(ps.toString()).count();
        assertThat(rows).isEqualTo(RecordsViewTest.expected(ps).size());
        assertThat(LocalSpark.session().read().format("etw4j").option("view", "files").load(ps.toString()).count())
                .isEqualTo(1);
    }
}
