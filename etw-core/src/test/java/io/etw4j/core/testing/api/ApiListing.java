package io.etw4j.core.testing.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Test tooling: the public API of a compiled module as a sorted text listing, and the check that keeps a checked-in
 * listing equal to it. One block per reachable type (public, or protected and nested in a reachable type) of an
 * exported package: the type's modifiers, kind, type parameters, record components, supertypes and sealed permits, then
 * one line per public or protected field (enum constants marked), constructor and method, with generic signatures,
 * varargs and throws clauses. Synthetic and bridge members are left out. Lines are sorted, so the listing depends only
 * on the class files (the same under JDK 17 and 25), never on reflection's order.
 *
 * <p>Exported packages come from one place: the module's {@code module-info.java} named by system property
 * {@value #MODULE_SOURCE_PROPERTY} (unqualified {@code exports}; what the build's check uses), else the compiled
 * {@code module-info.class} if the classes have one, else system property {@value #PACKAGES_PROPERTY} (comma-separated) if set, else every package
 * with classes and no {@code internal} segment. Classes are loaded without initialisation. Stateless; thread-safe.
 */
public final class ApiListing {
    /** {@code true}: {@link #verify()} rewrites the listing instead of comparing. */
    public static final String UPDATE_PROPERTY = "etw4j.api.update";
    /** The module's compiled main classes (set by the parent pom's surefire configuration). */
    public static final String CLASSES_PROPERTY = "etw4j.api.classes";
    /** The checked-in listing, {@code <module>/api/<artifactId>.api} (set by the parent pom). */
    public static final String FILE_PROPERTY = "etw4j.api.file";
    /**
     * Optional: the module's {@code module-info.java} (etw4j keeps it in {@code src/main/module} and compiles it after
     * the tests, so the tests see no {@code module-info.class}); its unqualified {@code exports} name the packages.
     */
    public static final String MODULE_SOURCE_PROPERTY = "etw4j.api.moduleSource";
    private static final Pattern EXPORTS = Pattern.compile("\\bexports\\s+([\\w.]+)\\s*;");
    private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    /** Optional: the exported packages of a module without module-info, comma-separated. */
    public static final String PACKAGES_PROPERTY = "etw4j.api.packages";
    /** The documented regeneration command, printed with every difference. */
    public static final String COMMAND = "./mvnw -B -ntp verify -D" + UPDATE_PROPERTY + "=true";

    private ApiListing() {
    }

    /**
     * Compares the module named by the system properties with its checked-in listing, or rewrites the listing when
     * {@value #UPDATE_PROPERTY} is true.
     *
     * @throws AssertionError naming the regeneration command and showing the difference, when they differ
     */
    public static void verify() {
        Path classes = Path.of(required(CLASSES_PROPERTY));
        verify(classes, listedPackages(classes), Path.of(required(FILE_PROPERTY)), Boolean.getBoolean(UPDATE_PROPERTY));
    }

    /**
     * Compares the classes under {@code classes} (loaded by the context class loader) with the listing {@code file},
     * or rewrites {@code file} when {@code update} is true.
     *
     * @throws AssertionError naming the regeneration command and showing the difference, when they differ
     */
    public static void verify(Path classes, Path file, boolean update) {
        verify(classes, exportedPackages(classes), file, update);
    }

    private static void verify(Path classes, Set<String> packages, Path file, boolean update) {
        String listing = listing(classes, packages, Thread.currentThread().getContextClassLoader());
        if (update) {
            write(file, listing);
            return;
        }
        String checkedIn = Files.isRegularFile(file) ? read(file) : "";
        String difference = diff(lines(checkedIn), lines(listing));
        if (!difference.isEmpty()) {
            throw new AssertionError("The public API differs from " + file + (checkedIn.isEmpty() ? " (missing)" : "")
                    + ".\nIf the change is intended, regenerate the listing with\n    " + COMMAND
                    + "\nand commit it. Difference (- listing, + code):\n" + difference);
        }
    }

    /**
     * The packages the check lists: the exports of the module source named by {@value #MODULE_SOURCE_PROPERTY} when
     * that file exists, else {@link #exportedPackages(Path)}.
     */
    public static SortedSet<String> listedPackages(Path classes) {
        String moduleSource = System.getProperty(MODULE_SOURCE_PROPERTY, "").trim();
        if (!moduleSource.isEmpty() && Files.isRegularFile(Path.of(moduleSource))) {
            try {
                return exportedPackages(Files.readString(Path.of(moduleSource)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return exportedPackages(classes);
    }

    /** The packages a user can reach: see the class comment for where they come from. */
    public static SortedSet<String> exportedPackages(Path classes) {
        Path moduleInfo = classes.resolve("module-info.class");
        if (Files.isRegularFile(moduleInfo)) {
            try (InputStream in = Files.newInputStream(moduleInfo)) {
                return exportedPackages(ModuleDescriptor.read(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String configured = System.getProperty(PACKAGES_PROPERTY, "").trim();
        if (!configured.isEmpty()) {
            return Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        return classNames(classes).stream().map(ApiListing::packageOf)
                .filter(p -> !Arrays.asList(p.split("\\.")).contains("internal"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The unqualified exports ({@code exports p;}, not {@code exports p to m;}) of a module-info.java source. */
    public static SortedSet<String> exportedPackages(String moduleInfoSource) {
        Matcher m = EXPORTS.matcher(COMMENTS.matcher(moduleInfoSource).replaceAll(" "));
        SortedSet<String> packages = new TreeSet<>();
        while (m.find()) {
            packages.add(m.group(1));
        }
        return packages;
    }

    /** The unqualified exports of a module descriptor. */
    public static SortedSet<String> exportedPackages(ModuleDescriptor descriptor) {
        return descriptor.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The listing of the reachable types of {@code packages} among the classes under {@code classes}. */
    public static String listing(Path classes, Set<String> packages, ClassLoader loader) {
        StringBuilder out = new StringBuilder();
        out.append("# Public API of the exported packages ").append(new TreeSet<>(packages)).append('\n')
                .append("# Generated; do not edit. Regenerate: ").append(COMMAND).append('\n');
        List<Class<?>> types = new ArrayList<>();
        for (String name : classNames(classes)) {
            if (packages.contains(packageOf(name))) {
                Class<?> c = load(name, loader);
                if (reachable(c)) {
                    types.add(c);
                }
            }
        }
        types.sort(Comparator.comparing(ApiListing::typeName));
        for (Class<?> c : types) {
            out.append('\n').append(header(c)).append('\n');
            for (String member : members(c)) {
                out.append("  ").append(member).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * A line diff of two listings ({@code -} only in {@code expected}, {@code +} only in {@code actual}, a space
     * for a line of context before and after each change, {@code @} the type a change is in when that is not in
     * sight), empty when they are equal.
     */
    public static String diff(List<String> expected, List<String> actual) {
        int n = expected.size();
        int m = actual.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = expected.get(i).equals(actual.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> script = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
                script.add("  " + expected.get(i++));
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                script.add("- " + expected.get(i++));
            } else {
                script.add("+ " + actual.get(j++));
            }
        }
        StringBuilder out = new StringBuilder();
        int printed = -1;
        for (int k = 0; k < script.size(); k++) {
            boolean changed = script.get(k).charAt(0) != ' ';
            boolean nearChange = changed || (k > 0 && script.get(k - 1).charAt(0) != ' ')
                    || (k + 1 < script.size() && script.get(k + 1).charAt(0) != ' ');
            if (nearChange) {
                if (printed < k - 1 || printed < 0) {
                    header(script, k).ifPresent(h -> out.append("@ ").append(h).append('\n'));
                }
                out.append(script.get(k)).append('\n');
                printed = k;
            }
        }
        return out.toString();
    }

    /** The type a hunk starting at line {@code k} of the script is in, unless that line is the type's own. */
    private static Optional<String> header(List<String> script, int k) {
        if (isHeader(script.get(k))) {
            return Optional.empty();
        }
        for (int i = k - 1; i >= 0; i--) {
            if (isHeader(script.get(i))) {
                return Optional.of(script.get(i).substring(2));
            }
        }
        return Optional.empty();
    }

    private static boolean isHeader(String scriptLine) {
        String line = scriptLine.substring(2);
        return !line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#");
    }

    static String header(Class<?> c) {
        StringBuilder h = new StringBuilder();
        int mods = c.getModifiers() & (c.isInterface() ? Modifier.interfaceModifiers() : Modifier.classModifiers());
        if (c.isInterface()) {
            mods &= ~Modifier.ABSTRACT;
        }
        if (c.isEnum() || c.isRecord()) {
            mods &= ~Modifier.FINAL;
        }
        h.append(Modifier.toString(mods));
        if (c.isSealed() && !c.isEnum()) {
            h.append(" sealed");
        } else if (nonSealed(c)) {
            h.append(" non-sealed");
        }
        String kind = c.isAnnotation() ? "@interface" : c.isInterface() ? "interface" : c.isEnum() ? "enum"
                : c.isRecord() ? "record" : "class";
        h.append(' ').append(kind).append(' ').append(typeName(c)).append(typeParameters(c.getTypeParameters()));
        if (c.isRecord()) {
            h.append(Arrays.stream(c.getRecordComponents()).map(rc -> type(rc.getGenericType()) + " " + rc.getName())
                    .collect(Collectors.joining(", ", "(", ")")));
        }
        Type sup = c.getGenericSuperclass();
        if (sup != null && sup != Object.class && sup != Record.class && !c.isEnum()) {
            h.append(" extends ").append(type(sup));
        }
        List<String> interfaces = Arrays.stream(c.getGenericInterfaces()).map(ApiListing::type).sorted()
                .collect(Collectors.toList());
        if (!interfaces.isEmpty() && !c.isAnnotation()) {
            h.append(c.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        if (c.isSealed() && !c.isEnum()) {
            h.append(" permits ").append(Arrays.stream(c.getPermittedSubclasses()).map(ApiListing::typeName).sorted()
                    .collect(Collectors.joining(", ")));
        }
        return h.toString();
    }

    static List<String> members(Class<?> c) {
        List<String[]> keyed = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                String line = f.isEnumConstant() ? "enum constant " + f.getName()
                        : Modifier.toString(f.getModifiers() & Modifier.fieldModifiers()) + " "
                                + type(f.getGenericType()) + " " + f.getName();
                keyed.add(new String[] {f.isEnumConstant() ? "0" : "1", f.getName(), line});
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (visible(k.getModifiers()) && !k.isSynthetic()) {
                String line = join(Modifier.toString(k.getModifiers() & Modifier.constructorModifiers()),
                        typeParameters(k.getTypeParameters())) + " " + typeName(c) + parameters(k) + throwsClause(k);
                keyed.add(new String[] {"2", "", line});
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                int mods = m.getModifiers() & Modifier.methodModifiers();
                if (c.isInterface()) {
                    mods &= ~Modifier.ABSTRACT;
                }
                String line = join(join(Modifier.toString(mods), m.isDefault() ? "default" : ""),
                        typeParameters(m.getTypeParameters())) + " " + type(m.getGenericReturnType()) + " "
                        + m.getName() + parameters(m) + throwsClause(m);
                keyed.add(new String[] {"3", m.getName(), line});
            }
        }
        keyed.sort(Comparator.<String[], String>comparing(k -> k[0]).thenComparing(k -> k[1])
                .thenComparing(k -> k[2]));
        return keyed.stream().map(k -> k[2]).collect(Collectors.toList());
    }

    private static String parameters(Executable e) {
        Type[] types = e.getGenericParameterTypes();
        Class<?> owner = e.getDeclaringClass();
        boolean inner = owner.getDeclaringClass() != null && !Modifier.isStatic(owner.getModifiers());
        if (e instanceof Constructor && inner && types.length == e.getParameterCount()) {
            // an inner class's constructor without a generic signature: the first parameter is the enclosing
            // instance, which the source does not declare (with a signature, reflection leaves it out already)
            types = Arrays.copyOfRange(types, 1, types.length);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            String t = type(types[i]);
            if (e.isVarArgs() && i == types.length - 1 && t.endsWith("[]")) {
                t = t.substring(0, t.length() - 2) + "...";
            }
            out.add(t);
        }
        return "(" + String.join(", ", out) + ")";
    }

    private static String throwsClause(Executable e) {
        Type[] thrown = e.getGenericExceptionTypes();
        return thrown.length == 0 ? "" : " throws " + Arrays.stream(thrown).map(ApiListing::type).sorted()
                .collect(Collectors.joining(", "));
    }

    private static String typeParameters(TypeVariable<?>[] vars) {
        if (vars.length == 0) {
            return "";
        }
        return Arrays.stream(vars).map(v -> {
            List<String> bounds = Arrays.stream(v.getBounds()).filter(b -> b != Object.class).map(ApiListing::type)
                    .collect(Collectors.toList());
            return bounds.isEmpty() ? v.getName() : v.getName() + " extends " + String.join(" & ", bounds);
        }).collect(Collectors.joining(", ", "<", ">"));
    }

    /** A type as written in Java source, with canonical (dotted) names for nested classes. */
    static String type(Type t) {
        return Types.render(t);
    }

    static String typeName(Class<?> c) {
        return Types.render(c);
    }

    private static boolean nonSealed(Class<?> c) {
        if (c.isSealed() || Modifier.isFinal(c.getModifiers()) || c.isEnum() || c.isRecord()) {
            return false;
        }
        Stream<Class<?>> supers = Stream.concat(Stream.ofNullable(c.getSuperclass()), Arrays.stream(c.getInterfaces()));
        return supers.anyMatch(Class::isSealed);
    }

    private static boolean reachable(Class<?> c) {
        if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
            return false;
        }
        Class<?> outer = c.getDeclaringClass();
        return outer == null ? Modifier.isPublic(c.getModifiers()) : visible(c.getModifiers()) && reachable(outer);
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + " " + b;
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled class not on the test class path: " + name, e);
        }
    }

    private static SortedSet<String> classNames(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.endsWith("module-info.class") && !p.endsWith("package-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property
                    + " is not set: the parent pom's surefire configuration sets it");
        }
        return value;
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String listing) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, listing, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
