package dev.otpnet.internal.tls;

import dev.otpnet.testing.PeerProcess;
import dev.otpnet.internal.wire.TcpWire;

import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.ConnectionInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * An otpnet TLS echo server on 127.0.0.1 for peers started as processes: accepts a fixed number
 * of connections, echoes what arrives, closes with close_notify when a chunk contains
 * {@code QUIT}, and reports each connection's outcome. It stops by itself after the last
 * connection, or when closed.
 */
final class TlsEchoServer implements AutoCloseable {
    /** How one connection went. */
    record Session(ConnectionInfo info, InetException handshakeError, InetException endError, boolean truncated,
                   String received) {
    }

    private final ServerSocketChannel listener;
    private final LinkedBlockingQueue<Session> sessions = new LinkedBlockingQueue<>();

    private TlsEchoServer(ServerSocketChannel listener) {
        this.listener = listener;
    }

    static TlsEchoServer start(TlsConfig config, int connections) throws IOException {
        TlsEchoServer s = new TlsEchoServer(Loopback.listen());
        Thread.ofVirtual().start(() -> s.serve(config, connections));
        return s;
    }

    int port() throws IOException {
        return Loopback.port(listener);
    }

    private void serve(TlsConfig config, int connections) {
        try (listener) {
            for (int i = 0; i < connections; i++) {
                TcpWire wire = new TcpWire(listener.accept());
                Thread.ofVirtual().start(() -> session(TlsWire.server(wire, config)));
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    private void session(TlsWire tls) {
        ConnectionInfo info = null;
        StringBuilder received = new StringBuilder();
        try {
            tls.handshake(10_000);
            info = tls.connectionInformation();
            ByteBuffer buf = ByteBuffer.allocate(32 * 1024);
            while (true) {
                buf.clear();
                if (tls.read(buf) < 0) {
                    break;
                }
                buf.flip();
                String text = StandardCharsets.UTF_8.decode(buf.duplicate()).toString();
                received.append(text);
                tls.write(new ByteBuffer[] {buf});
                if (text.contains("QUIT")) {
                    break;
                }
            }
            tls.close();
            sessions.add(new Session(info, null, null, false, received.toString()));
        } catch (InetException e) {
            tls.close();
            sessions.add(info == null ? new Session(null, e, null, false, "")
                    : new Session(info, null, e, tls.truncated(), received.toString()));
        } catch (IOException | RuntimeException e) {
            tls.close();
            sessions.add(new Session(info, null, new InetException(dev.otpnet.inet.InetError.CLOSED, e), false, received.toString()));
        }
    }

    /** The next connection's outcome, waiting for it to end. */
    Session next() throws InterruptedException {
        Session s = sessions.poll(PeerProcess.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (s == null) {
            fail("no connection ended within " + PeerProcess.PATIENCE);
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
