package io.etw4j.core.testing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API listing tool on a fixture package ({@code sample}) whose every line is written out here. */
class ApiListingTest {
    static final String SAMPLE = "io.etw4j.core.testing.api.sample";

    /** The listing of {@code sample}, {@code ~} standing for its class {@code Sample}. */
    static final List<String> EXPECTED = Stream.of(
            "public class ~<T extends java.lang.Comparable<T>>",
            "  public static final int ANSWER",
            "  protected java.lang.String name",
            "  protected ~()",
            "  public ~(T, java.lang.String...)",
            "  protected void hook()",
            "  public <R extends java.lang.Number> java.util.Map<java.lang.String, ? super R>"
                    + " map(java.util.List<? extends R>[], int[]) throws java.io.IOException",
            "",
            "public static record ~.Circle(double radius, java.util.List<java.lang.String> tags) implements ~.Shape",
            "  public ~.Circle(double, java.util.List<java.lang.String>)",
            "  public double area()",
            "  public final boolean equals(java.lang.Object)",
            "  public final int hashCode()",
            "  public double radius()",
            "  public java.util.List<java.lang.String> tags()",
            "  public final java.lang.String toString()",
            "",
            "public static enum ~.Color",
            "  enum constant GREEN",
            "  enum constant RED",
            "  public static ~.Color valueOf(java.lang.String)",
            "  public static ~.Color[] values()",
            "",
            "public class ~.Inner",
            "  public ~.Inner(int)",
            "",
            "public abstract static non-sealed class ~.Polygon implements ~.Shape",
            "  protected ~.Polygon()",
            "",
            "public static sealed interface ~.Shape permits ~.Circle, ~.Polygon, ~.Square",
            "  public double area()",
            "  public default java.lang.String label()",
            "",
            "public static final class ~.Square implements ~.Shape",
            "  public ~.Square()",
            "  public double area()")
            .map(l -> l.replace("~", SAMPLE + ".Sample")).collect(Collectors.toList());

    static Path testClasses() throws URISyntaxException {
        return Path.of(ApiListingTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static List<String> body(String listing) {
        List<String> lines = Arrays.asList(listing.split("\n"));
        return lines.subList(3, lines.size()); // after the two comment lines and the blank line
    }

    @Test
    void listsEveryPublicAndProtectedMemberWithItsSignatureAndNothingElse() throws Exception {
        String listing = ApiListing.listing(testClasses(), Set.of(SAMPLE), getClass().getClassLoader());

        assertThat(body(listing)).containsExactlyElementsOf(EXPECTED);
        assertThat(listing).doesNotContain("Hidden", "notListed", "packagePrivate", "secret", "Sample(int)");
    }

    @Test
    void aChangedSignatureFailsWithADiffNamingTheOldAndTheNewLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("api").resolve("m.api");
        Path classes = dir.resolve("classes");
        Path sample = classes.resolve(SAMPLE.replace('.', '/'));
        Files.createDirectories(sample);
        try (var files = Files.list(testClasses().resolve(SAMPLE.replace('.', '/')))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, sample.resolve(f.getFileName()));
            }
        }
        System.setProperty(ApiListing.PACKAGES_PROPERTY, SAMPLE);
        try {
            ApiListing.verify(classes, file, true);
            ApiListing.verify(classes, file, false); // just written: equal

            String written = Files.readString(file, StandardCharsets.UTF_8);
            String old = "  protected void hook()";
            assertThat(written).contains(old);
            Files.writeString(file, written.replace(old, "  protected void hook(int)"), StandardCharsets.UTF_8);

            assertThatThrownBy(() -> ApiListing.verify(classes, file, false)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining(ApiListing.COMMAND)
                    .hasMessageContaining("\n-   protected void hook(int)\n+   protected void hook()\n");

            Files.delete(file);
            assertThatThrownBy(() -> ApiListing.verify(classes, file, false)).hasMessageContaining("(missing)")
                    .hasMessageContaining("+   protected void hook()");
        } finally {
            System.clearProperty(ApiListing.PACKAGES_PROPERTY);
        }
    }

    @Test
    void diffShowsChangesWithOneLineOfContext() {
        String d = ApiListing.diff(List.of("a", "b", "c", "d", "e"), List.of("a", "b", "x", "d", "e", "f"));

        assertThat(d).isEqualTo("  b\n- c\n+ x\n  d\n  e\n+ f\n");
        assertThat(ApiListing.diff(List.of("a"), List.of("a"))).isEmpty();
        assertThat(ApiListing.diff(List.of("class A", "  m1", "  m2", "  m3", "  m4"),
                List.of("class A", "  m1", "  m2", "  m3", "  m5")))
                .as("the type of a change far from its header").isEqualTo("@ class A\n    m3\n-   m4\n+   m5\n");
    }

    @Test
    void exportedPackagesAreTheUnqualifiedExportsOfTheModule() {
        ModuleDescriptor d = ModuleDescriptor.newModule("m").exports("m.api").exports("m.spi")
                .exports("m.internal", Set.of("other")).packages(Set.of("m.hidden")).build();

        assertThat(ApiListing.exportedPackages(d)).containsExactly("m.api", "m.spi");
    }

    @Test
    void exportedPackagesOfAModuleInfoSourceAreItsUnqualifiedExports() {
        String source = "/** exports not.this; */\nmodule m {\n    requires transitive x.y;\n    exports m.api;\n"
                + "    exports m.internal to other, more;\n    // exports m.commented;\n    exports   m.spi ;\n"
                + "    opens m.internal.win32 to com.sun.jna;\n}\n";

        assertThat(ApiListing.exportedPackages(source)).containsExactly("m.api", "m.spi");
    }

    @Test
    void theListingsOfThisBuildTakeTheirPackagesFromTheModuleSource() throws Exception {
        // etw-core's own build passes its module-info.java (see the parent pom): the packages it exports to everyone
        String source = System.getProperty(ApiListing.MODULE_SOURCE_PROPERTY, "");
        assertThat(source).endsWith("module-info.java");
        assertThat(ApiListing.listedPackages(testClasses()))
                .containsExactly("io.etw4j.core", "io.etw4j.core.etl", "io.etw4j.core.session");
    }

    @Test
    void withoutModuleInfoEveryPackageButInternalOnesIsExported() throws Exception {
        Set<String> packages = ApiListing.exportedPackages(testClasses());

        assertThat(packages).contains(SAMPLE, "io.etw4j.core.testing.api")
                .noneMatch(p -> p.contains(".internal.") || p.endsWith(".internal"));
        assertThat(testClasses().resolve("io/etw4j/core/internal")).isDirectory(); // so there was one to leave out
    }
}
