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
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(where)) {
                assertThat(jar.getEntry("META-INF/LICENSE")).isNotNull();
                assertThat(jar.getEntry("META-INF/THIRD-PARTY.txt")).isNotNull();
                assertThat(jar.getEntry("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister"))
                        .isNotNull();
                // every class is etw4j's or of a package THIRD-PARTY.txt lists: no Spark, no SLF4J
                assertThat(jar.stream().map(java.util.jar.JarEntry::getName).filter(n -> n.endsWith(".class"))
                        .map(n -> n.startsWith("META-INF/versions/") ? n.replaceFirst("META-INF/versions/\\d+/", "")
                                : n))
                        .allMatch(n -> n.startsWith("io/etw4j/") || n.startsWith("com/sun/jna/")
                                || n.startsWith("reactor/") || n.startsWith("org/reactivestreams/"));
            }
        }
        Path ps = RecordsViewTest.capture("powershell.etl");
        long rows = LocalSpark.session().read().format("etw4j").load(ps.toString()).count();
        assertThat(rows).isEqualTo(RecordsViewTest.expected(ps).size());
        assertThat(LocalSpark.session().read().format("etw4j").option("view", "files").load(ps.toString()).count())
                .isEqualTo(1);
    }
}
