package dev.otpnet.listener;

import dev.otpnet.inet.Bytes;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A PROXY protocol header (HAProxy's {@code proxy-protocol.txt}), version 1 or 2: what a proxy in
 * front of us tells us about the client it relays. Ranch's {@code ranch_proxy_header:proxy_info()}.
 *
 * <p>With command {@link Command#PROXY} the {@link #addresses()} are the client's ({@code source})
 * and the address the client connected to on the proxy ({@code destination}). With
 * {@link Command#LOCAL} (a proxy's own health check) there is nothing to relay: the connection's
 * real endpoints are the ones to use, and {@link #addresses()} is {@link Addresses.None}. A v1
 * {@code PROXY UNKNOWN} header is the same: family {@link Family#UNSPEC}, no addresses.
 *
 * <pre>{@code
 * ProxyHeader h = ProxyHeader.proxy(2, client, proxyFrontend)
 *         .withTlvs(List.of(ProxyTlv.Alpn.of("h2"), new ProxyTlv.Authority("example.com")));
 * Bytes wire = ProxyHeaders.header(h, ProxyHeaders.WriteOptions.CRC32C);
 * }</pre>
 */
public record ProxyHeader(int version, Command command, Family family, Protocol protocol, Addresses addresses,
                          List<ProxyTlv> tlvs) {

    /** The command: relayed for a client, or the proxy's own connection. */
    public enum Command { LOCAL, PROXY }

    /** The address family of the relayed connection. */
    public enum Family { UNSPEC, INET, INET6, UNIX }

    /** The transport protocol of the relayed connection. */
    public enum Protocol { UNSPEC, STREAM, DGRAM }

    /** The relayed endpoints. */
    public sealed interface Addresses {
        /** TCP or UDP over IPv4 or IPv6: the client and the proxy address it connected to. */
        record Inet(InetSocketAddress source, InetSocketAddress destination) implements Addresses {
            public Inet {
                Objects.requireNonNull(source, "source");
                Objects.requireNonNull(destination, "destination");
                if (source.isUnresolved() || destination.isUnresolved()) {
                    throw new IllegalArgumentException("PROXY header addresses are IP addresses, not names: "
                            + source + ", " + destination + ".");
                }
                if ((source.getAddress() instanceof Inet4Address) != (destination.getAddress() instanceof Inet4Address)) {
                    throw new IllegalArgumentException("The source and destination of a PROXY header are of one "
                            + "family; got " + source + " and " + destination + ".");
                }
            }
        }

        /** AF_UNIX: two socket paths (108 bytes each on the wire, NUL padded). */
        record Unix(Bytes source, Bytes destination) implements Addresses {
            public Unix {
                if (source.size() > 108 || destination.size() > 108) {
                    throw new IllegalArgumentException("A UNIX address in a PROXY header is at most 108 bytes.");
                }
            }
        }

        /** Nothing relayed: LOCAL, UNKNOWN, or an unspecified family or protocol. */
        record None() implements Addresses {
        }
    }

    public ProxyHeader {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(addresses, "addresses");
        tlvs = List.copyOf(tlvs);
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("The PROXY protocol has versions 1 and 2, not " + version + ".");
        }
        if (version == 1) {
            if (command != Command.PROXY) {
                throw new IllegalArgumentException("A v1 PROXY header has no LOCAL command; use PROXY UNKNOWN "
                        + "(family UNSPEC) or version 2.");
            }
            if (family == Family.UNIX || protocol == Protocol.DGRAM || !tlvs.isEmpty()) {
                throw new IllegalArgumentException("A v1 PROXY header carries TCP over IPv4 or IPv6 only, "
                        + "without TLVs; use version 2.");
            }
        }
        switch (addresses) {
            case Addresses.Inet(var s, var d) -> {
                Family f = s.getAddress() instanceof Inet6Address ? Family.INET6 : Family.INET;
                if (family != f || protocol == Protocol.UNSPEC) {
                    throw new IllegalArgumentException("IP addresses " + s + " go with family " + f
                            + " and protocol STREAM or DGRAM, not " + family + "/" + protocol + ".");
                }
            }
            case Addresses.Unix u -> {
                if (family != Family.UNIX || protocol == Protocol.UNSPEC) {
                    throw new IllegalArgumentException("UNIX addresses go with family UNIX and protocol "
                            + "STREAM or DGRAM, not " + family + "/" + protocol + ".");
                }
            }
            case Addresses.None n -> {
                if (command == Command.PROXY && family != Family.UNSPEC && protocol != Protocol.UNSPEC) {
                    throw new IllegalArgumentException("A PROXY header for family " + family
                            + " must carry its addresses.");
                }
            }
        }
    }

    /** A header relaying a TCP connection from {@code source} (the client) to {@code destination}. */
    public static ProxyHeader proxy(int version, InetSocketAddress source, InetSocketAddress destination) {
        Family f = source.getAddress() instanceof Inet6Address ? Family.INET6 : Family.INET;
        return new ProxyHeader(version, Command.PROXY, f, Protocol.STREAM,
                new Addresses.Inet(source, destination), List.of());
    }

    /** A v2 LOCAL header: the proxy's own connection (health checks). */
    public static ProxyHeader local() {
        return new ProxyHeader(2, Command.LOCAL, Family.UNSPEC, Protocol.UNSPEC, new Addresses.None(), List.of());
    }

    /** A v1 {@code PROXY UNKNOWN} header: a relayed connection whose endpoints the proxy cannot tell. */
    public static ProxyHeader unknown() {
        return new ProxyHeader(1, Command.PROXY, Family.UNSPEC, Protocol.UNSPEC, new Addresses.None(), List.of());
    }

    /** This header with {@code tlvs} (version 2 only). */
    public ProxyHeader withTlvs(List<? extends ProxyTlv> tlvs) {
        return new ProxyHeader(version, command, family, protocol, addresses, List.copyOf(tlvs));
    }

    /** The relayed client, when the header relays an IP connection. */
    public Optional<InetSocketAddress> source() {
        return addresses instanceof Addresses.Inet(var s, var d) ? Optional.of(s) : Optional.empty();
    }

    /** The address the client connected to on the proxy, when the header relays an IP connection. */
    public Optional<InetSocketAddress> destination() {
        return addresses instanceof Addresses.Inet(var s, var d) ? Optional.of(d) : Optional.empty();
    }

    public Optional<String> alpn() {
        return first(ProxyTlv.Alpn.class).map(a -> a.protocol().utf8());
    }

    public Optional<String> authority() {
        return first(ProxyTlv.Authority.class).map(ProxyTlv.Authority::host);
    }

    public Optional<ProxyTlv.Ssl> ssl() {
        return first(ProxyTlv.Ssl.class);
    }

    public Optional<Bytes> uniqueId() {
        return first(ProxyTlv.UniqueId.class).map(ProxyTlv.UniqueId::id);
    }

    public Optional<String> netns() {
        return first(ProxyTlv.Netns.class).map(ProxyTlv.Netns::name);
    }

    /** The verified checksum, when the header carried one. */
    public Optional<Integer> crc32c() {
        return first(ProxyTlv.Crc32c.class).map(ProxyTlv.Crc32c::checksum);
    }

    /** The TLVs of types outside the registered ones, raw. */
    public List<ProxyTlv.Custom> custom() {
        return tlvs.stream().filter(t -> t instanceof ProxyTlv.Custom).map(t -> (ProxyTlv.Custom) t).toList();
    }

    private <T extends ProxyTlv> Optional<T> first(Class<T> type) {
        return tlvs.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
