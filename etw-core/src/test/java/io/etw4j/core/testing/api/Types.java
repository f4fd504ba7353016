package io.etw4j.core.testing.api;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Renders reflected types as Java source writes them ({@code java.util.Map<K, ? extends V>[]}, nested classes with
 * dots), by its own rules rather than the JDK's {@code toString}s, whose spelling is not specified and may change
 * between releases. Stateless; thread-safe.
 */
final class Types {
    private Types() {
    }

    static String render(Type t) {
        if (t instanceof Class) {
            Class<?> c = (Class<?>) t;
            if (c.isArray()) {
                return render(c.getComponentType()) + "[]";
            }
            String canonical = c.getCanonicalName();
            return canonical != null ? canonical : c.getName();
        }
        if (t instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) t;
            Class<?> raw = (Class<?>) p.getRawType();
            String base = p.getOwnerType() instanceof ParameterizedType
                    ? render(p.getOwnerType()) + "." + raw.getSimpleName()
                    : render(raw);
            return base + Arrays.stream(p.getActualTypeArguments()).map(Types::render)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
        if (t instanceof WildcardType) {
            WildcardType w = (WildcardType) t;
            if (w.getLowerBounds().length > 0) {
                return "? super " + render(w.getLowerBounds()[0]);
            }
            Type[] upper = w.getUpperBounds();
            return upper.length == 0 || upper[0] == Object.class ? "?" : "? extends " + render(upper[0]);
        }
        if (t instanceof GenericArrayType) {
            return render(((GenericArrayType) t).getGenericComponentType()) + "[]";
        }
        if (t instanceof TypeVariable) {
            return ((TypeVariable<?>) t).getName();
        }
        throw new IllegalArgumentException("unknown kind of type: " + t.getClass());
    }
}
