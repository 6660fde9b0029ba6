package dev.otpnet.etf;

/**
 * The options of {@code term_to_binary/2}; build them with {@link Terms#compressed()},
 * {@link Terms#minorVersion(int)} and {@link Terms#deterministic()}.
 */
public sealed interface EncodeOption {

    /** {@code compressed} or {@code {compressed, Level}}: zlib at level 0..9 (0 writes no compression). */
    record Compressed(int level) implements EncodeOption {
        public Compressed {
            if (level < 0 || level > 9) {
                throw new IllegalArgumentException("{compressed, Level} takes a level from 0 to 9, not " + level);
            }
        }

        @Override
        public String toString() {
            return "{compressed," + level + "}";
        }
    }

    /**
     * {@code {minor_version, V}}: 0 writes floats as text; 1 (OTP 25's default) writes floats in
     * binary and Latin-1 atoms as {@code ATOM_EXT}; 2 (OTP 26's default) writes every atom in UTF-8.
     */
    record MinorVersion(int version) implements EncodeOption {
        public MinorVersion {
            if (version < 0 || version > 2) {
                throw new IllegalArgumentException("{minor_version, V} takes 0, 1 or 2, not " + version);
            }
        }

        @Override
        public String toString() {
            return "{minor_version," + version + "}";
        }
    }

    /** {@code deterministic}: map keys in Erlang's term order, so equal terms give equal bytes. */
    record Deterministic() implements EncodeOption {
        @Override
        public String toString() {
            return "deterministic";
        }
    }
}
