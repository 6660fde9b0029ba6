package dev.otpnet.etf;

import java.util.Set;

/**
 * The options of {@code binary_to_term/2}; build them with {@link Terms#safe()},
 * {@link Terms#safe(Set)}, {@link Terms#used()} and {@link Terms#maxDepth(int)}.
 */
public sealed interface DecodeOption {

    /**
     * {@code safe}: for data from peers you do not trust. An atom that is not known is refused
     * (so a peer cannot fill the atom table), and so is any fun. Known means: already in the atom
     * table ({@code atoms} null, Erlang's rule), or in {@code atoms}.
     */
    record Safe(Set<Atom> atoms) implements DecodeOption {
        public Safe {
            atoms = atoms == null ? null : Set.copyOf(atoms);
        }

        boolean known(String name) {
            return atoms == null ? Atom.existing(name).isPresent()
                    : Atom.existing(name).filter(atoms::contains).isPresent();
        }

        @Override
        public String toString() {
            return "safe";
        }
    }

    /** {@code used}: also say how many bytes of the input the term took ({@link Terms#decode}). */
    record Used() implements DecodeOption {
        @Override
        public String toString() {
            return "used";
        }
    }

    /**
     * How deep tuples, lists, maps and funs may nest (default {@value Terms#DEFAULT_MAX_DEPTH}):
     * a bound against inputs crafted to exhaust the stack. Erlang has none; deeper is {@code badarg}.
     * The decoder, {@code equals}, {@code hashCode} and {@code toString} recurse once per level:
     * raise it only on threads with a larger stack. The encoder takes at most the default depth.
     */
    record MaxDepth(int depth) implements DecodeOption {
        public MaxDepth {
            if (depth < 1) {
                throw new IllegalArgumentException("the nesting depth limit must be at least 1, not " + depth);
            }
        }
    }
}
