package dev.otpnet.internal.tls;

import dev.otpnet.internal.wire.TcpWire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** Connected pairs of wires over 127.0.0.1, and listeners for peers started as processes. */
final class Loopback {
    private Loopback() {
    }

    /** Two ends of one TCP connection over loopback. */
    record Pair(TcpWire client, TcpWire server) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            server.close();
        }
    }

    static Pair pair() throws IOException {
        try (ServerSocketChannel listener = listen()) {
            SocketChannel client = SocketChannel.open(listener.getLocalAddress());
            SocketChannel server = listener.accept();
            return new Pair(new TcpWire(client), new TcpWire(server));
        }
    }

    static ServerSocketChannel listen() throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        return listener;
    }

    static TcpWire connect(int port) throws IOException {
        return new TcpWire(SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
    }

    static int port(ServerSocketChannel listener) throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }
}
