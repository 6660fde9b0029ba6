package dev.otpnet.inet;

import dev.otpnet.packet.PacketType;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One socket option, as data: Erlang's {@code {Name, Value}} tuples. Build them with the static
 * factories of {@link Options} and pass lists of them to {@code listen}, {@code connect} and
 * {@link Inet#setopts}; name them with {@link OptionName} for {@link Inet#getopts}.
 *
 * <p>Each record validates its value in its constructor ({@link IllegalArgumentException} naming
 * the option and the value) and prints as the Erlang term ({@code {packet,4}}).
 */
public sealed interface Option extends AnyOption {

    /** The option's name, for getopts. */
    OptionName name();

    /**
     * {@code {active, true | false | once | N}}: how received data reaches the owner. N must be in
     * -32768..32767 and the count it adds up to at most 32767; as in Erlang this is checked where
     * the option is used: {@code setopts} answers {@code einval}, {@code listen} and
     * {@code connect} throw {@link IllegalArgumentException} (Erlang's badarg).
     */
    record Active(ActiveMode mode, int count) implements Option {
        public Active {
            Objects.requireNonNull(mode, "mode");
            if (mode != ActiveMode.N && count != 0) {
                throw new IllegalArgumentException("{active," + mode + "} takes no count");
            }
        }

        @Override
        public OptionName name() {
            return OptionName.ACTIVE;
        }

        @Override
        public String toString() {
            return "{active," + (mode == ActiveMode.N ? Integer.toString(count) : mode.toString()) + "}";
        }
    }

    /** {@code {mode, list | binary}}. */
    record Mode(boolean binary) implements Option {
        @Override
        public OptionName name() {
            return OptionName.MODE;
        }

        @Override
        public String toString() {
            return "{mode," + (binary ? "binary" : "list") + "}";
        }
    }

    /** {@code {packet, Type}}: the framing of received and sent data. */
    record Packet(PacketType type) implements Option {
        public Packet {
            Objects.requireNonNull(type, "type");
        }

        @Override
        public OptionName name() {
            return OptionName.PACKET;
        }

        @Override
        public String toString() {
            return "{packet," + type + "}";
        }
    }

    /** {@code {linger, {OnOff, Seconds}}}; {@code {true, 0}} makes close send a reset. */
    record Linger(boolean on, int seconds) implements Option {
        public Linger {
            if (seconds < 0) {
                throw new IllegalArgumentException("{linger,{" + on + "," + seconds + "}}: seconds must be >= 0");
            }
        }

        @Override
        public OptionName name() {
            return OptionName.LINGER;
        }

        @Override
        public String toString() {
            return "{linger,{" + on + "," + seconds + "}}";
        }
    }

    /** {@code {send_timeout, Ms | infinity}}; {@code Long.MAX_VALUE} is infinity. */
    record SendTimeout(long millis) implements Option {
        public SendTimeout {
            if (millis < 0) {
                throw new IllegalArgumentException("{send_timeout," + millis + "}: must be >= 0 or infinity");
            }
        }

        @Override
        public OptionName name() {
            return OptionName.SEND_TIMEOUT;
        }

        @Override
        public String toString() {
            return "{send_timeout," + (millis == Inet.INFINITY ? "infinity" : Long.toString(millis)) + "}";
        }
    }

    /** {@code {ip, Address}} (also {@code ifaddr}): the local interface to bind. */
    record Ip(InetAddress address) implements Option {
        public Ip {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public OptionName name() {
            return OptionName.IP;
        }

        @Override
        public String toString() {
            return "{ip," + Inet.ntoa(address) + "}";
        }
    }

    /** {@code inet | inet6}: the address family. */
    record Family(AddressFamily family) implements Option {
        public Family {
            Objects.requireNonNull(family, "family");
        }

        @Override
        public OptionName name() {
            return OptionName.FAMILY;
        }

        @Override
        public String toString() {
            return family.toString();
        }
    }

    /** {@code {deliver, port | term}}: the shape of active messages. */
    record Deliver(boolean term) implements Option {
        @Override
        public OptionName name() {
            return OptionName.DELIVER;
        }

        @Override
        public String toString() {
            return "{deliver," + (term ? "term" : "port") + "}";
        }
    }

    /**
     * {@code {inet_backend, inet | socket}}: Erlang's choice of implementation. otpnet has one
     * implementation, which behaves as the {@code inet} backend; both values are accepted.
     */
    record InetBackend(boolean socket) implements Option {
        @Override
        public OptionName name() {
            return OptionName.INET_BACKEND;
        }

        @Override
        public String toString() {
            return "{inet_backend," + (socket ? "socket" : "inet") + "}";
        }
    }

    /**
     * An option with a boolean value: nodelay, keepalive, reuseaddr, reuseport, delay_send,
     * exit_on_close, send_timeout_close, show_econnreset, dontroute, recvtos, recvtclass, recvttl,
     * ipv6_v6only.
     */
    record Flag(OptionName name, boolean value) implements Option {
        public Flag {
            Objects.requireNonNull(name, "name");
            if (name.kind() != OptionName.Kind.BOOLEAN) {
                throw new IllegalArgumentException("{" + name + "," + value + "}: " + name + " does not take a boolean");
            }
        }

        @Override
        public String toString() {
            return "{" + name + "," + value + "}";
        }
    }

    /**
     * An option with a non-negative integer value: header, packet_size, buffer, recbuf, sndbuf,
     * backlog, port, high/low_watermark, high/low_msgq_watermark, tos, tclass, ttl, priority,
     * line_delimiter.
     */
    record Int(OptionName name, int value) implements Option {
        public Int {
            Objects.requireNonNull(name, "name");
            if (name.kind() != OptionName.Kind.INTEGER) {
                throw new IllegalArgumentException("{" + name + "," + value + "}: " + name + " does not take an integer");
            }
            if (value < name.min() || value > name.max()) {
                throw new IllegalArgumentException("{" + name + "," + value + "}: " + name + " must be in "
                        + name.min() + ".." + name.max());
            }
        }

        @Override
        public String toString() {
            return "{" + name + "," + value + "}";
        }
    }
}
