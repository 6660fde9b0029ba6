package dev.otpnet.etf;

import dev.otpnet.inet.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * An Erlang fun, carried as data and never run: Java cannot run Erlang code. An external fun
 * ({@code fun lists:map/2}) is an {@link Export}; a local fun (a closure) is a {@link Local}
 * that keeps what identifies its code and the values it closed over, so it goes back to Erlang
 * as Erlang wrote it.
 * {@link Terms#safe()} refuses both.
 */
public sealed interface ErlFun extends Term {

    /** {@code fun Module:Function/Arity} ({@code EXPORT_EXT}). */
    record Export(Atom module, Atom function, int arity) implements ErlFun {
        public Export {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(function, "function");
            if (arity < 0 || arity > 255) {
                throw new IllegalArgumentException("a fun's arity is 0..255, not " + arity);
            }
        }

        @Override
        public String toString() {
            return "fun " + module + ":" + function + "/" + arity;
        }
    }

    /**
     * A local fun, a closure ({@code NEW_FUN_EXT}): the module that defines it, its arity, the
     * identity of its code ({@code uniq}, {@code index}, {@code oldIndex}, {@code oldUniq}), the
     * process that created it and the values it closed over. Carried so it can go back to Erlang;
     * only the node that has the module can run it.
     */
    record Local(Atom module, int arity, Bytes uniq, long index, long oldIndex, long oldUniq, ErlPid pid,
            List<Term> free) implements ErlFun {
        public Local {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(pid, "pid");
            if (uniq.size() != 16) {
                throw new IllegalArgumentException("a local fun's uniq is 16 bytes (an MD5), not " + uniq.size());
            }
            if (arity < 0 || arity > 255) {
                throw new IllegalArgumentException("a fun's arity is 0..255, not " + arity);
            }
            Words.requireU32("index", index);
            free = List.copyOf(free);
        }

        @Override
        public String toString() {
            return "#Fun<" + module + "." + oldIndex + "." + oldUniq + ">";
        }
    }
}
