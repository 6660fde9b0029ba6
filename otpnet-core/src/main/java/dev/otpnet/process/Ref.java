package dev.otpnet.process;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A unique reference: Erlang's {@code make_ref()}.
 *
 * <p>Refs compare by value and are never reused within the JVM. {@link Proc#monitor(Pid)} returns
 * one to name the monitor; {@link Proc#makeRef()} makes one to tag a request and match its reply
 * with a selective receive. {@link #toString()} prints {@code #Ref<0.0.0.N>}. Immutable and
 * thread-safe.
 */
public final class Ref implements Comparable<Ref> {

    private static final AtomicLong NEXT = new AtomicLong(1);

    private final long id;

    private Ref(long id) {
        this.id = id;
    }

    /** A new reference, distinct from every other. Same as {@link Proc#makeRef()}. */
    public static Ref make() {
        return new Ref(NEXT.getAndIncrement());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ref ref && ref.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public int compareTo(Ref other) {
        return Long.compare(id, other.id);
    }

    @Override
    public String toString() {
        return "#Ref<0.0.0." + id + ">";
    }
}
