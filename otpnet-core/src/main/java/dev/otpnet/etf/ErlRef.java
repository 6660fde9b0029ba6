package dev.otpnet.etf;

import java.util.Arrays;
import java.util.Objects;

/**
 * An Erlang reference ({@code make_ref()}) as it travels between nodes: the node's name, its
 * creation and 0 to 5 32-bit words ({@code NEWER_REFERENCE_EXT}; the older forms decode to this too).
 * Equality is by all the words, so {@code [1]} and {@code [1, 0]} differ; Erlang's {@code =:=}
 * calls them equal, yet its maps keep both as keys, and so do ours. Term order ignores
 * trailing zero words, as Erlang's does.
 */
public record ErlRef(Atom node, long creation, int[] ids) implements Term {
    public ErlRef {
        Objects.requireNonNull(node, "node");
        Words.requireU32("creation", creation);
        if (ids.length > 5) {
            throw new IllegalArgumentException("a reference has 0 to 5 words, not " + ids.length);
        }
        ids = ids.clone();
    }

    /** A copy of the words. */
    @Override
    public int[] ids() {
        return ids.clone();
    }

    int word(int i) {
        return ids[i];
    }

    int words() {
        return ids.length;
    }

    /** The number of words without the trailing zero ones. */
    int significantWords() {
        int n = ids.length;
        while (n > 0 && ids[n - 1] == 0) {
            n--;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErlRef r && node == r.node && creation == r.creation && Arrays.equals(ids, r.ids);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, creation, Arrays.hashCode(ids));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("#Ref<").append(node);
        for (int i = ids.length - 1; i >= 0; i--) {
            sb.append('.').append(Integer.toUnsignedString(ids[i]));
        }
        return sb.append('>').toString();
    }
}
