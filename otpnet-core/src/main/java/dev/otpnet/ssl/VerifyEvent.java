package dev.otpnet.ssl;

import java.util.HexFormat;
import java.util.Objects;

/**
 * What the path validation tells a {@link VerifyFun} about one certificate, as in Erlang:
 * {@code {bad_cert, Reason}}, {@code {extension, Ext}}, {@code valid} (an intermediate passed) or
 * {@code valid_peer} (the peer's own certificate passed). {@link #toString()} prints the Erlang term.
 */
public sealed interface VerifyEvent {
    /** {@code valid}: an intermediate certificate passed every check. */
    VerifyEvent VALID = new Valid();
    /** {@code valid_peer}: the peer's certificate passed every check. */
    VerifyEvent VALID_PEER = new ValidPeer();

    /** A check failed. */
    record BadCertEvent(BadCert reason) implements VerifyEvent {
        public BadCertEvent {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "{bad_cert," + reason.atom() + "}";
        }
    }

    /** An extension the validation does not handle itself; answer {@link VerifyResult.Unknown} if yours does not either. */
    record Extension(String oid, boolean critical, byte[] value) implements VerifyEvent {
        public Extension {
            Objects.requireNonNull(oid, "oid");
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Extension e && e.oid.equals(oid) && e.critical == critical
                    && java.util.Arrays.equals(e.value, value);
        }

        @Override
        public int hashCode() {
            return oid.hashCode() * 31 + java.util.Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "{extension,{'Extension'," + oid.replace('.', ',') + "," + critical + ",<<16#"
                    + HexFormat.of().formatHex(value) + ">>}}";
        }
    }

    /** See {@link #VALID}. */
    record Valid() implements VerifyEvent {
        @Override
        public String toString() {
            return "valid";
        }
    }

    /** See {@link #VALID_PEER}. */
    record ValidPeer() implements VerifyEvent {
        @Override
        public String toString() {
            return "valid_peer";
        }
    }

    /** {@code {bad_cert, reason}}. */
    static VerifyEvent badCert(BadCert reason) {
        return new BadCertEvent(reason);
    }
}
