package dev.otpnet.cli;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.packet;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.Inet;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.listener.ProtocolHandler;
import dev.otpnet.listener.ProxyHeader;
import dev.otpnet.packet.PacketType;
import dev.otpnet.process.Proc;
import dev.otpnet.process.ProcessExit;
import dev.otpnet.ssl.ConnectionInfo;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The walk-through's {@code ConnectionHandler}: one client's echo loop, the listener's
 * {@link ProtocolHandler} for {@code otpnet echo}, and the one line logged at info when the
 * connection ends (the client, how it ended, how long, protocol, cipher and bytes).
 *
 * <p>It runs in the connection's own process, which owns the socket; the listener has already
 * read the PROXY header and run the TLS handshake, and closes the socket when this returns. The
 * client, the proxy and the TLS facts come from the listener's {@link dev.otpnet.listener.Connection};
 * the bytes are this loop's own count of echoed payload (without the {@code {packet, P}} headers
 * and TLS records that {@code getstat} counts).
 *
 * <p>The socket is in {@code {active, once}}: one packet is delivered, echoed, and only then is
 * the next asked for. A client that sends without reading fills its own socket buffers and is
 * pushed back by TCP; this process never holds more than one packet. ({@code {active, true}}
 * would queue whatever arrives in the mailbox without limit, in Erlang as here.)
 */
final class Connection {
    private static final System.Logger LOG = System.getLogger("otpnet.echo");

    /**
     * Who is connected, and how, for the log.
     *
     * @param client   the client's address and port (from the PROXY header when there was one)
     * @param via      {@code " (via proxy ADDR:PORT)"} or empty
     * @param protocol {@code tlsv1.3}, {@code tlsv1.2} or {@code tcp}
     * @param cipher   the IANA name of the cipher suite, or {@code none}
     */
    record Peer(String client, String via, String protocol, String cipher) {
        /** From what the listener hands over: the socket, the PROXY header, the TLS session. */
        static Peer of(dev.otpnet.listener.Connection conn) throws InetException {
            String peer = hostPort(conn.socket().peername());
            boolean relayed = conn.proxy().flatMap(ProxyHeader::source).isPresent();
            String client = relayed ? hostPort(conn.client()) : peer;
            String via = relayed ? " (via proxy " + peer + ")" : "";
            if (conn.tls().isPresent()) {
                ConnectionInfo info = conn.tls().get().connectionInformation();
                return new Peer(client, via, info.protocol().atom().replace("'", ""), info.cipherSuite().ianaName());
            }
            return new Peer(client, via, "tcp", "none");
        }
    }

    private Connection() {
    }

    /** The handler: frames the socket with {@code {packet, P}}, echoes until the connection ends, logs the end. */
    static void echo(dev.otpnet.listener.Connection conn, PacketType packet) {
        long startNanos = System.nanoTime();
        InetSocket s = conn.socket();
        Peer peer;
        try {
            peer = Peer.of(conn);
        } catch (InetException e) { // the client left right after the handshake
            LOG.log(Level.DEBUG, "a connection closed before its echo started: {0}", e.reason());
            return;
        }
        LOG.log(Level.DEBUG, "connection {0}{1} started: {2} {3}", peer.client(), peer.via(), peer.protocol(),
                peer.cipher());
        long[] bytes = new long[2];
        Object ended = "closed";
        try {
            s.setopts(List.of(packet(packet)));
            ended = loop(s, bytes);
        } catch (InetException e) {
            ended = e.reason();
        } catch (ProcessExit e) { // stopped by the listener: a drain ran out of time
            ended = e.reason();
            throw e;
        } finally {
            LOG.log(Level.INFO, "connection {0}{1} ended ({2}) after {3,number,#} ms: {4} {5}, "
                    + "{6,number,#} bytes in, {7,number,#} bytes out", peer.client(), peer.via(), oneLine(ended),
                    (System.nanoTime() - startNanos) / 1_000_000, peer.protocol(), peer.cipher(), bytes[0], bytes[1]);
        }
    }

    /** Echoes with {@code {active, once}} until the socket closes; returns why it ended. */
    private static Object loop(InetSocket s, long[] bytes) throws InetException {
        s.setopts(List.of(active(ActiveMode.ONCE)));
        while (true) {
            Object m = Proc.receive(x -> x instanceof SocketMessage sm && sm.socket() == s);
            switch (m) {
                case SocketMessage.Data(var sock, Bytes data) -> {
                    bytes[0] += data.size();
                    s.send(data);
                    bytes[1] += data.size();
                    s.setopts(List.of(active(ActiveMode.ONCE)));
                }
                case SocketMessage.Closed c -> {
                    return "closed";
                }
                case SocketMessage.Error(var sock, var reason) -> {
                    return reason;
                }
                default -> {
                    // {active, once} with binary data delivers only the three above
                }
            }
        }
    }

    /** {@code 127.0.0.1:5555}, {@code [::1]:5555}. */
    static String hostPort(InetSocketAddress a) {
        String host = Inet.ntoa(a.getAddress());
        return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** A reason on one line (TLS alert texts carry newlines). */
    static String oneLine(Object reason) {
        return String.valueOf(reason).replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
