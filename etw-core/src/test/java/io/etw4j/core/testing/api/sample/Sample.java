package io.etw4j.core.testing.api.sample;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Fixture of {@code ApiListingTest}: one of each kind of member the API listing must show or leave out. */
public class Sample<T extends Comparable<T>> {
    public static final int ANSWER = 42;
    protected String name;
    int packagePrivate;
    private long secret;

    public Sample(T first, String... rest) {
    }

    protected Sample() {
    }

    Sample(int hidden) {
    }

    public <R extends Number> Map<String, ? super R> map(List<? extends R>[] lists, int[] raw) throws IOException {
        return null;
    }

    protected void hook() {
    }

    void notListed() {
    }

    /** A sealed interface with a default method. */
    public sealed interface Shape permits Circle, Square, Polygon {
        double area();

        default String label() {
            return "shape";
        }
    }

    /** A record: components in the header. */
    public record Circle(double radius, List<String> tags) implements Shape {
        @Override
        public double area() {
            return radius;
        }
    }

    /** A final class. */
    public static final class Square implements Shape {
        @Override
        public double area() {
            return 1;
        }
    }

    /** A non-sealed class with a protected constructor. */
    public abstract static non-sealed class Polygon implements Shape {
        protected Polygon() {
        }
    }

    /** An enum, one constant with a body. */
    public enum Color {
        RED,
        GREEN {
            @Override
            public String toString() {
                return "g";
            }
        }
    }

    /** An inner (non-static) class. */
    public class Inner {
        public Inner(int x) {
        }
    }

    static class Hidden {
        public void notListedEither() {
        }
    }
}
