package dev.otpnet.etf;

import dev.otpnet.inet.Bytes;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The rules of {@link Terms#fromJava} and {@link Terms#toJava}, documented there. */
final class JavaValues {
    private JavaValues() {
    }

    static Term fromJava(Object value) {
        return switch (value) {
            case null -> throw new IllegalArgumentException("null has no Erlang term; use an atom such as undefined or nil");
            case Term t -> t;
            case Boolean b -> Atom.of(b);
            case Byte b -> new Int(b);
            case Short s -> new Int(s);
            case Integer i -> new Int(i);
            case Long l -> new Int(l);
            case BigInteger b -> Terms.integer(b);
            case Character c -> new Int(c);
            case Float f -> new ErlFloat(f);
            case Double d -> new ErlFloat(d);
            case String s -> Binary.utf8(s);
            case Bytes b -> new Binary(b);
            case byte[] a -> new Binary(Bytes.of(a));
            case Enum<?> e -> Atom.of(e.name().toLowerCase(Locale.ROOT));
            case Optional<?> o -> o.isPresent() ? fromJava(o.get()) : Atom.UNDEFINED;
            case Collection<?> c -> {
                List<Term> l = new ArrayList<>(c.size());
                c.forEach(x -> l.add(fromJava(x)));
                yield new ErlList(l);
            }
            case Object[] a -> {
                List<Term> l = new ArrayList<>(a.length);
                for (Object x : a) {
                    l.add(fromJava(x));
                }
                yield new ErlList(l);
            }
            case Map<?, ?> m -> {
                LinkedHashMap<Term, Term> e = new LinkedHashMap<>();
                m.forEach((k, v) -> e.put(fromJava(k), fromJava(v)));
                yield new ErlMap(e);
            }
            case Record r -> record(r);
            default -> throw new IllegalArgumentException("no Erlang term for a " + value.getClass().getName()
                    + "; see Terms.fromJava for the types that have one");
        };
    }

    private static Tuple record(Record r) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        Term[] elements = new Term[components.length + 1];
        elements[0] = Atom.of(snake(r.getClass().getSimpleName()));
        for (int i = 0; i < components.length; i++) {
            try {
                var accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                elements[i + 1] = fromJava(accessor.invoke(r));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException("cannot read " + r.getClass().getSimpleName() + "."
                        + components[i].getName() + ": " + e, e);
            }
        }
        return new Tuple(elements);
    }

    /** {@code GeoPoint} is {@code geo_point}. */
    static String snake(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static Object toJava(Term term) {
        return switch (term) {
            case Atom a when a == Atom.TRUE -> Boolean.TRUE;
            case Atom a when a == Atom.FALSE -> Boolean.FALSE;
            case Int(long v) -> v;
            case BigInt(BigInteger v) -> v;
            case ErlFloat(double d) -> d;
            case Binary(Bytes b) -> b;
            case ErlList(List<Term> elements) -> elements.stream().map(JavaValues::toJava).toList();
            case Tuple t -> t.asList().stream().map(JavaValues::toJava).toList();
            case ErlMap(Map<Term, Term> entries) -> {
                LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
                entries.forEach((k, v) -> m.put(toJava(k), toJava(v)));
                yield Collections.unmodifiableMap(m);
            }
            default -> term;
        };
    }

    static Object toJava(Term term, Type type, String where) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == Object.class) {
            return toJava(term);
        }
        if (raw.isInstance(term)) {
            return term;
        }
        if (raw.isRecord()) {
            return toRecord(term, raw, where);
        }
        if (raw.isEnum() && term instanceof Atom a) {
            for (Object c : raw.getEnumConstants()) {
                if (((Enum<?>) c).name().toLowerCase(Locale.ROOT).equals(a.name())) {
                    return c;
                }
            }
            throw mismatch(where, term, "one of " + List.of(raw.getEnumConstants()));
        }
        Object v = scalar(term, raw, where);
        if (v != null) {
            return v;
        }
        if (List.class.isAssignableFrom(raw) || Collection.class == raw) {
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            List<Term> elements = switch (term) {
                case ErlList(var e) -> e;
                default -> throw mismatch(where, term, "a list");
            };
            List<Object> out = new ArrayList<>(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                out.add(toJava(elements.get(i), element, where + "[" + i + "]"));
            }
            return Collections.unmodifiableList(out);
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type[] kv = type instanceof ParameterizedType p ? p.getActualTypeArguments() : new Type[] {Object.class, Object.class};
            if (!(term instanceof ErlMap(var entries))) {
                throw mismatch(where, term, "a map");
            }
            LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
            entries.forEach((k, val) -> m.put(toJava(k, kv[0], where + " key"), toJava(val, kv[1], where + "[" + k + "]")));
            return Collections.unmodifiableMap(m);
        }
        throw mismatch(where, term, "a " + type.getTypeName());
    }

    private static Object scalar(Term term, Class<?> raw, String where) {
        if (raw == boolean.class || raw == Boolean.class) {
            if (term == Atom.TRUE || term == Atom.FALSE) {
                return term == Atom.TRUE;
            }
            throw mismatch(where, term, "true or false");
        }
        if (raw == long.class || raw == Long.class || raw == int.class || raw == Integer.class
                || raw == short.class || raw == Short.class || raw == byte.class || raw == Byte.class) {
            if (!(term instanceof Int(long v))) {
                throw mismatch(where, term, "an integer that fits a " + raw.getSimpleName());
            }
            long min = raw == int.class || raw == Integer.class ? Integer.MIN_VALUE
                    : raw == short.class || raw == Short.class ? Short.MIN_VALUE
                    : raw == byte.class || raw == Byte.class ? Byte.MIN_VALUE : Long.MIN_VALUE;
            long max = -(min + 1);
            if (v < min || v > max) {
                throw mismatch(where, term, "an integer that fits a " + raw.getSimpleName());
            }
            return raw == int.class || raw == Integer.class ? (Object) (int) v
                    : raw == short.class || raw == Short.class ? (Object) (short) v
                    : raw == byte.class || raw == Byte.class ? (Object) (byte) v : (Object) v;
        }
        if (raw == BigInteger.class) {
            return switch (term) {
                case Int(long v) -> BigInteger.valueOf(v);
                case BigInt(BigInteger v) -> v;
                default -> throw mismatch(where, term, "an integer");
            };
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            double d = switch (term) {
                case ErlFloat(double x) -> x;
                case Int(long x) -> x;
                default -> throw mismatch(where, term, "a number");
            };
            return raw == float.class || raw == Float.class ? (Object) (float) d : (Object) d;
        }
        if (raw == char.class || raw == Character.class) {
            if (term instanceof Int(long v) && v >= 0 && v <= Character.MAX_VALUE) {
                return (char) v;
            }
            throw mismatch(where, term, "a character code");
        }
        if (raw == String.class) {
            return switch (term) {
                case Binary b -> b.utf8();
                case ErlList l when l.asString() != null -> l.asString();
                case Atom a -> a.name();
                default -> throw mismatch(where, term, "a binary or a charlist");
            };
        }
        if (raw == Bytes.class) {
            if (term instanceof Binary(Bytes b)) {
                return b;
            }
            throw mismatch(where, term, "a binary");
        }
        if (raw == byte[].class) {
            if (term instanceof Binary(Bytes b)) {
                return b.toArray();
            }
            throw mismatch(where, term, "a binary");
        }
        if (raw == Optional.class) {
            return term == Atom.UNDEFINED ? Optional.empty() : Optional.of(toJava(term));
        }
        return null;
    }

    private static Object toRecord(Term term, Class<?> raw, String where) {
        RecordComponent[] components = raw.getRecordComponents();
        String tag = snake(raw.getSimpleName());
        if (!(term instanceof Tuple t) || !t.is(tag, components.length + 1)) {
            throw mismatch(where, term, "{" + tag + (components.length == 0 ? "" : ", ...") + "} with "
                    + components.length + " fields");
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = toJava(t.get(i + 1), components[i].getGenericType(), where + "." + components[i].getName());
        }
        try {
            Constructor<?> c = raw.getDeclaredConstructor(types);
            c.setAccessible(true);
            return c.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(where + ": " + raw.getSimpleName() + " refused " + term + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(where + ": cannot build a " + raw.getName() + ": " + e, e);
        }
    }

    private static IllegalArgumentException mismatch(String where, Term term, String wanted) {
        return new IllegalArgumentException(where + " is " + term + ", but " + wanted + " was expected");
    }

}
