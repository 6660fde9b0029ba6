package dev.otpnet.socket;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * The value of {@code {ip, add_membership}} and {@code {ip, drop_membership}}, Erlang's
 * {@code #{multiaddr => Group, interface => Address}}: join (or leave) the multicast group
 * {@code multiaddr} on the interface that has the address {@code iface}.
 */
public record IpMreq(Inet4Address multiaddr, Inet4Address iface) {
    public IpMreq {
        Objects.requireNonNull(multiaddr, "multiaddr");
        Objects.requireNonNull(iface, "iface");
        if (!multiaddr.isMulticastAddress()) {
            throw new IllegalArgumentException(multiaddr.getHostAddress() + " is not a multicast group address.");
        }
    }

    @Override
    public String toString() {
        return "#{interface => " + SockAddr.tuple(iface) + ",multiaddr => " + SockAddr.tuple(multiaddr) + "}";
    }
}
