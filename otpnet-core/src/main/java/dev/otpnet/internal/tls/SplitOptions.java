package dev.otpnet.internal.tls;

import dev.otpnet.inet.AnyOption;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.Options;
import dev.otpnet.ssl.SslOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code ssl:listen}/{@code ssl:connect} option list split by who uses it: inet options for the
 * socket (and its TCP transport), ssl options for the TLS session.
 */
public record SplitOptions(List<Option> inet, List<SslOption> ssl) {

    /** The options that make the TCP transport under TLS a plain byte pipe: passive, binary, raw. */
    private static final List<Option> TRANSPORT = List.of(Options.active(false), Options.binary(), Options.packet(0));

    public static SplitOptions of(List<? extends AnyOption> options) {
        List<Option> inet = new ArrayList<>();
        List<SslOption> ssl = new ArrayList<>();
        for (AnyOption o : options) {
            switch (o) {
                case Option i -> inet.add(i);
                case SslOption s -> ssl.add(s);
                case null -> throw new NullPointerException("an option in the list is null");
                default -> throw new IllegalArgumentException("ssl takes inet and ssl options only, not "
                        + o + " (a " + o.getClass().getSimpleName() + ")");
            }
        }
        return new SplitOptions(List.copyOf(inet), List.copyOf(ssl));
    }

    /** The inet options with the transport's own (passive, binary, raw) taking precedence. */
    public List<Option> transport() {
        List<Option> out = new ArrayList<>(inet);
        out.addAll(TRANSPORT);
        return out;
    }
}
