package dev.otpnet.internal.conn;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.inet.Posix;
import dev.otpnet.internal.wire.Failures;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;

/**
 * The options the kernel keeps, set and read through the JDK's socket options. The one place that
 * maps Erlang's names to {@link StandardSocketOptions}.
 */
public final class KernelOptions {
    private KernelOptions() {
    }

    /** Fails with {@code enotsup}, saying why, for an option the JVM cannot provide. */
    public static void requireSupported(OptionName name) throws InetException {
        if (name.support() == OptionName.Support.NONE) {
            throw new InetException(Posix.ENOTSUP,
                    "{" + name + ",...}: " + name.whyNotSupported().orElse("not available on the JVM"), null);
        }
    }

    /** Applies a kernel option to {@code channel}; other options are ignored here. */
    public static void apply(NetworkChannel channel, Option option) throws InetException {
        requireSupported(option.name());
        try {
            switch (option) {
                case Option.Flag f when f.name().support() == OptionName.Support.JDK ->
                        channel.setOption(booleanOption(f.name()), f.value());
                case Option.Int i when i.name().support() == OptionName.Support.JDK ->
                        channel.setOption(intOption(i.name()), i.value());
                case Option.Linger l -> channel.setOption(StandardSocketOptions.SO_LINGER, l.on() ? l.seconds() : -1);
                default -> { }
            }
        } catch (UnsupportedOperationException e) {
            throw new InetException(Posix.ENOTSUP, option + " is not supported by this platform's sockets", e);
        } catch (IllegalArgumentException e) {
            throw new InetException(Posix.EINVAL, option.toString(), e);
        } catch (IOException e) {
            throw Failures.toInet(e, option.toString());
        }
    }

    /** Reads a kernel option back from {@code channel}. */
    public static Option read(NetworkChannel channel, OptionName name) throws InetException {
        requireSupported(name);
        try {
            return switch (name) {
                case LINGER -> {
                    int seconds = channel.getOption(StandardSocketOptions.SO_LINGER);
                    yield new Option.Linger(seconds >= 0, Math.max(seconds, 0));
                }
                default -> switch (name.kind()) {
                    case BOOLEAN -> new Option.Flag(name, channel.getOption(booleanOption(name)));
                    case INTEGER -> new Option.Int(name, channel.getOption(intOption(name)));
                    case OTHER -> throw new IllegalStateException(name + " is not a kernel option");
                };
            };
        } catch (UnsupportedOperationException e) {
            throw new InetException(Posix.ENOTSUP, name + " is not supported by this platform's sockets", e);
        } catch (IOException e) {
            throw Failures.toInet(e, name.toString());
        }
    }

    private static SocketOption<Boolean> booleanOption(OptionName name) {
        return switch (name) {
            case NODELAY -> StandardSocketOptions.TCP_NODELAY;
            case KEEPALIVE -> StandardSocketOptions.SO_KEEPALIVE;
            case REUSEADDR -> StandardSocketOptions.SO_REUSEADDR;
            case REUSEPORT -> StandardSocketOptions.SO_REUSEPORT;
            default -> throw new IllegalStateException(name + " is not a boolean kernel option");
        };
    }

    private static SocketOption<Integer> intOption(OptionName name) {
        return switch (name) {
            case RECBUF -> StandardSocketOptions.SO_RCVBUF;
            case SNDBUF -> StandardSocketOptions.SO_SNDBUF;
            case TOS, TCLASS -> StandardSocketOptions.IP_TOS;
            default -> throw new IllegalStateException(name + " is not an integer kernel option");
        };
    }
}
