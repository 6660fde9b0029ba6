package dev.otpnet.internal.tcp;

import dev.otpnet.inet.AddressFamily;
import dev.otpnet.inet.Inet;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.internal.conn.KernelOptions;
import dev.otpnet.internal.conn.Settings;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.channels.NetworkChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of a listen or connect call, sorted once by who applies them (Ranch's
 * {@code prepare_socket_opts}): the socket layer's {@link Settings}, the kernel's options, and the
 * creation-only ones (address, port, family, backlog). Later options override earlier ones, as in
 * Erlang.
 */
public record Prepared(Settings settings, List<Option> kernel, InetAddress ip, int port, AddressFamily family,
        boolean familyGiven, int backlog) {

    public static Prepared of(List<? extends Option> options) throws InetException {
        return of(Settings.DEFAULT, options);
    }

    /** The options applied over {@code base} (a listen socket's settings, for accepted sockets). */
    public static Prepared of(Settings base, List<? extends Option> options) throws InetException {
        try {
            return prepare(base, options);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * {@link #of(Settings, List)} for {@code setopts} on a listen socket, where a bad
     * {@code {active, N}} is {@code einval} as in Erlang rather than a badarg.
     */
    public static Prepared forSetopts(Settings base, List<? extends Option> options) throws InetException {
        try {
            return prepare(base, options);
        } catch (ArithmeticException e) {
            throw new InetException(dev.otpnet.inet.Posix.EINVAL, e.getMessage(), e);
        }
    }

    /** @throws ArithmeticException for a bad {@code {active, N}} */
    private static Prepared prepare(Settings base, List<? extends Option> options) throws InetException {
        Settings settings = base;
        List<Option> kernel = new ArrayList<>();
        InetAddress ip = null;
        int port = 0;
        AddressFamily family = AddressFamily.INET;
        boolean familyGiven = false;
        int backlog = 5;
        for (Option o : options) {
            KernelOptions.requireSupported(o.name());
            switch (o) {
                case Option.Ip i -> ip = i.address();
                case Option.Family f -> {
                    family = f.family();
                    familyGiven = true;
                }
                case Option.Int i when i.name() == OptionName.PORT -> port = i.value();
                case Option.Int i when i.name() == OptionName.BACKLOG -> backlog = i.value();
                case Option.Linger l -> kernel.add(l);
                case Option o2 when o2.name().support() == OptionName.Support.JDK -> {
                    kernel.add(o2);
                    settings = settings.with(o2);
                }
                default -> settings = settings.with(o);
            }
        }
        if (ip != null && !familyGiven) {
            family = ip instanceof Inet6Address ? AddressFamily.INET6 : AddressFamily.INET;
        }
        if (ip != null && (ip instanceof Inet6Address) != (family == AddressFamily.INET6)) {
            throw new IllegalArgumentException("{ip," + ip.getHostAddress() + "} does not match " + family);
        }
        return new Prepared(settings, List.copyOf(kernel), ip, port, family, familyGiven, backlog);
    }

    /** The any-address of {@code family}: {@code 0.0.0.0} or {@code ::}. */
    public static InetAddress wildcard(AddressFamily family) {
        return Inet.parseAddress(family == AddressFamily.INET6 ? "::" : "0.0.0.0");
    }

    /** Applies the kernel options to a channel. */
    public void applyKernel(NetworkChannel channel) throws InetException {
        for (Option o : kernel) {
            KernelOptions.apply(channel, o);
        }
    }
}
