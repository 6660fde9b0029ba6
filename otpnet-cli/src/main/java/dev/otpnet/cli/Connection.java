package dev.otpnet.cli;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.packet;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.AnyOption;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.Inet;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.ProcessExit;
import dev.otpnet.process.Proc;
import dev.otpnet.ssl.ConnectionInfo;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslSocket;
import dev.otpnet.tcp.TcpSocket;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One client of {@code otpnet echo}, in its own process, which owns the socket: the
 * walk-through's {@code ConnectionHandler}. It reads the PROXY header if there is one, runs the
 * TLS handshake (with the configured time-out), then echoes every packet back, and when the
 * connection ends logs one line at info: the client, how it ended, protocol, cipher and bytes.
 *
 * <p>The socket is in {@code {active, once}}: one packet is delivered, echoed, and only then is
 * the next asked for. A client that sends without reading fills its own socket buffers and is
 * pushed back by TCP; this process never holds more than one packet. ({@code {active, true}}
 * would queue whatever arrives in the mailbox without limit, in Erlang as here.)
 */
final class Connection {
    private static final System.Logger LOG = System.getLogger("otpnet.echo");

    private Connection() {
    }

    /** Serves {@code tcp} (owned by the caller, raw and passive) until it ends. */
    static void serve(TcpSocket tcp, EchoConfig config) {
        long start = System.nanoTime();
        String client = "?";
        String via = "";
        String stage = "proxy header";
        String protocol = "tcp";
        String cipher = "none";
        long[] bytes = new long[2];
        Object ended = "closed";
        InetSocket s = tcp;
        try {
            client = Inet.ntoa(tcp.peername().getAddress()) + ":" + tcp.peername().getPort();
            if (config.proxyProtocol()) {
                InetSocketAddress real = ProxyHeader.read(tcp, EchoConfig.PROXY_HEADER_TIMEOUT_MS);
                if (real != null) {
                    via = " (via proxy " + client + ")";
                    client = Inet.ntoa(real.getAddress()) + ":" + real.getPort();
                }
            }
            stage = "handshake";
            List<AnyOption> options = new ArrayList<>();
            options.addAll(List.of(binary(), packet(config.packet()), active(false)));
            if (config.isTls()) {
                options.addAll(0, config.tls());
                SslSocket ssl = Ssl.handshake(tcp, options, config.handshakeTimeoutMs());
                s = ssl;
                ConnectionInfo info = ssl.connectionInformation();
                protocol = info.protocol().atom().replace("'", "");
                cipher = info.cipherSuite().ianaName();
            } else {
                tcp.setopts(List.of(packet(config.packet())));
            }
            stage = "echo";
            LOG.log(Level.DEBUG, "connection {0}{1} started: {2} {3}", client, via, protocol, cipher);
            ended = echo(s, bytes);
        } catch (InetException e) {
            ended = e.reason();
        } catch (ProcessExit e) { // stopped by the supervisor: a drain ran out of time
            ended = e.reason();
            throw e;
        } catch (ProxyHeader.Malformed e) {
            ended = "{proxy_header, \"" + e.getMessage() + "\"}";
        } finally {
            s.close();
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (stage.equals("echo")) {
                LOG.log(Level.INFO, "connection {0}{1} ended ({2}) after {3,number,#} ms: {4} {5}, {6,number,#} bytes in, {7,number,#} bytes out",
                        client, via, oneLine(ended), ms, protocol, cipher, bytes[0], bytes[1]);
            } else {
                LOG.log(Level.INFO, "connection {0}{1} failed in its {2} after {3,number,#} ms: {4}", client, via, stage, ms,
                        oneLine(ended));
            }
        }
    }

    private static String oneLine(Object reason) {
        return String.valueOf(reason).replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** Echoes with {@code {active, once}} until the socket closes; returns why it ended. */
    private static Object echo(InetSocket s, long[] bytes) throws InetException {
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
}
