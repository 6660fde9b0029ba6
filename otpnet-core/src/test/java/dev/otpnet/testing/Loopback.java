package dev.otpnet.testing;

import static dev.otpnet.inet.Options.ip;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Option;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import dev.otpnet.tcp.TcpSocket;
import java.util.ArrayList;
import java.util.List;

/** A connected pair of our own sockets on 127.0.0.1, both owned by the calling process. */
public record Loopback(TcpListenSocket listener, TcpSocket client, TcpSocket server) implements AutoCloseable {

    /** Listens with {@code listenOptions} (plus 127.0.0.1), connects with {@code connectOptions}, accepts. */
    public static Loopback open(List<? extends Option> listenOptions, List<? extends Option> connectOptions)
            throws InetException {
        List<Option> lo = new ArrayList<>(listenOptions);
        lo.add(ip("127.0.0.1"));
        TcpListenSocket l = GenTcp.listen(0, lo);
        TcpSocket c = GenTcp.connect("127.0.0.1", l.port(), connectOptions, 10_000);
        TcpSocket s = GenTcp.accept(l, 10_000);
        return new Loopback(l, c, s);
    }

    /** Both ends with the same options. */
    public static Loopback open(List<? extends Option> options) throws InetException {
        return open(options, options);
    }

    @Override
    public void close() {
        client.close();
        server.close();
        listener.close();
    }
}
