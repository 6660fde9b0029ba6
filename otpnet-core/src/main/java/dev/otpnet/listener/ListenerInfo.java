package dev.otpnet.listener;

import dev.otpnet.process.Pid;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * A listener at one moment: Ranch's {@code ranch:info/1}, with every connection in it.
 *
 * @param name               the listener's name
 * @param status             running, suspended or draining
 * @param transport          {@code "tcp"} or {@code "ssl"}
 * @param ip                 the address listened on
 * @param port               the port (the same across suspend and resume)
 * @param pid                the listener supervisor
 * @param numAcceptors       acceptor processes
 * @param numListenSockets   listen sockets on the port (more than one with {@code SO_REUSEPORT})
 * @param maxConnections     the limit, {@link ListenerSettings#INFINITY} for none
 * @param activeConnections  connections counted against the limit
 * @param allConnections     live connection processes, including those removed from the count
 * @param permitsInUse       permits out: connections plus acceptors that hold one while accepting
 * @param backoffEpisodes    how many times accepting had to pause for want of file descriptors
 * @param connections        each live connection
 */
public record ListenerInfo(String name, Status status, String transport, InetAddress ip, int port, Pid pid,
                           int numAcceptors, int numListenSockets, int maxConnections, int activeConnections,
                           int allConnections, int permitsInUse, long backoffEpisodes, List<Conn> connections) {

    public ListenerInfo {
        connections = List.copyOf(connections);
    }

    /** Ranch's {@code get_status/1}, plus the state between suspend and the end of a drain. */
    public enum Status { RUNNING, SUSPENDED, DRAINING }

    /**
     * Where a connection process is. {@code HELLO}: a TLS handshake paused after the ClientHello
     * ({@code {handshake, hello}}), the handler deciding to continue or cancel.
     */
    public enum Stage { STARTING, PROXY_HEADER, HANDSHAKE, HELLO, RUNNING }

    /**
     * One connection.
     *
     * @param pid        its process, the socket's owner
     * @param peer       the socket's peer ({@code ip:port}, the proxy when there is one)
     * @param client     the client as the PROXY header gave it, when there is one
     * @param stage      where it is
     * @param removed    taken out of the count with {@link Listener#removeConnection()}
     * @param bytesIn    {@code recv_oct} from {@code getstat}
     * @param bytesOut   {@code send_oct} from {@code getstat}
     * @param tlsVersion the TLS version ("TLSv1.3"), for TLS once the handshake is done
     * @param cipher     the cipher suite, by its IANA name
     * @param sni        the server name the client asked for
     * @param alpn       the application protocol agreed
     */
    public record Conn(Pid pid, String peer, Optional<InetSocketAddress> client, Stage stage, boolean removed,
                       long bytesIn, long bytesOut, Optional<String> tlsVersion, Optional<String> cipher,
                       Optional<String> sni, Optional<String> alpn) {
    }
}
