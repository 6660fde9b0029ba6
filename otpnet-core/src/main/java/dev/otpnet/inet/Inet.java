package dev.otpnet.inet;

import dev.otpnet.internal.conn.SocketTable;
import dev.otpnet.internal.packet.ErlTerms;
import dev.otpnet.internal.time.Deadline;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Erlang's {@code inet} module: functions that work on every kind of socket, address helpers, and
 * the text of failure reasons.
 *
 * <pre>{@code
 * Inet.setopts(socket, List.of(active(ONCE)));
 * int port = Inet.port(listenSocket);
 * System.out.println(Inet.formatError(e.reason()));   // "connection refused"
 * }</pre>
 */
public final class Inet {
    /**
     * The time-out that never expires: Erlang's {@code infinity}, for {@code accept}, {@code connect},
     * {@code recv} and {@code send_timeout}. The same value as {@link dev.otpnet.process.Proc#INFINITY}:
     * the library has one time concept (a deadline computed once per call) and one infinity.
     */
    public static final long INFINITY = Deadline.INFINITY;

    private Inet() {
    }

    public static void setopts(InetPort socket, List<? extends Option> options) throws InetException {
        socket.setopts(options);
    }

    public static List<Option> getopts(InetPort socket, List<OptionName> names) throws InetException {
        return socket.getopts(names);
    }

    public static InetSocketAddress peername(InetSocket socket) throws InetException {
        return socket.peername();
    }

    public static InetSocketAddress sockname(InetPort socket) throws InetException {
        return socket.sockname();
    }

    public static int port(InetPort socket) throws InetException {
        return socket.port();
    }

    public static Stats getstat(InetSocket socket) throws InetException {
        return socket.getstat();
    }

    public static void close(InetPort socket) {
        socket.close();
    }

    /** {@code inet:format_error/1}: Erlang's text for a reason ({@code "connection refused"}). */
    public static String formatError(Reason reason) {
        return reason.text();
    }

    /**
     * Every open otpnet socket, listening and connected, TCP and TLS: the sockets {@link #i()}
     * lists, as {@code erlang:ports()} lists a node's ports. A snapshot in no particular order, for
     * diagnostics and leak checks ({@code Inet.ports().size()} beside
     * {@code Proc.processes().size()}).
     */
    public static List<InetPort> ports() {
        List<InetPort> ports = new ArrayList<>();
        for (Object o : SocketTable.snapshot()) {
            if (o instanceof InetPort p) {
                ports.add(p);
            }
        }
        return ports;
    }

    /** {@code inet:i()}: prints every open otpnet socket, as Erlang's table. */
    public static void i() {
        i(System.out);
    }

    /** {@code inet:i()} to {@code out}. */
    public static void i(PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Port", "Module", "Recv", "Sent", "Owner", "Local Address", "Foreign Address",
            "State", "Type"});
        for (Object o : SocketTable.snapshot()) {
            if (o instanceof InetPort p) {
                rows.add(row(p));
            }
        }
        int[] width = new int[rows.getFirst().length];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                sb.append(r[c]).append(" ".repeat(width[c] - r[c].length() + 1));
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static String[] row(InetPort p) {
        String id = p.toString().replaceAll("\\D*0\\.(\\d+)>", "$1");
        String module = p.transport().equals("ssl") ? "ssl" : "inet_tcp";
        String recv = "0";
        String sent = "0";
        String local = "*:*";
        String foreign = "*:*";
        String state = "LN:O";
        try {
            local = hostPort(p.sockname());
            if (p instanceof InetSocket s) {
                Stats st = s.getstat();
                recv = Long.toString(st.recvOct());
                sent = Long.toString(st.sendOct());
                foreign = hostPort(s.peername());
                state = "CONNECTED(O)";
            }
        } catch (InetException e) {
            state = "CLOSED";
        }
        return new String[] {id, module, recv, sent, p.owner().toString(), local, foreign, state, "STREAM"};
    }

    private static String hostPort(InetSocketAddress a) {
        InetAddress addr = a.getAddress();
        String host = addr.isLoopbackAddress() ? "localhost" : ntoa(addr);
        return host + ":" + a.getPort();
    }

    /** {@code inet:ntoa/1}: the address as text, IPv6 in its shortest form ({@code ::1}). */
    public static String ntoa(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] group = new int[8];
        for (int i = 0; i < 8; i++) {
            group[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // RFC 5952: the longest run of two or more zero groups becomes "::" (the first such run on ties).
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && group[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(group[i]));
        }
        return sb.toString();
    }

    /** {@code inet:parse_address/1}: an IPv4 or IPv6 literal, never a name lookup. */
    public static InetAddress parseAddress(String literal) {
        try {
            return InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address literal: " + literal, e);
        }
    }

    /** {@code inet:getaddrs/2}: every address of {@code host} in {@code family}; {@code nxdomain} if none. */
    public static List<InetAddress> getaddrs(String host, AddressFamily family) throws InetException {
        try {
            List<InetAddress> out = new ArrayList<>();
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if ((a instanceof java.net.Inet6Address) == (family == AddressFamily.INET6)) {
                    out.add(a);
                }
            }
            if (out.isEmpty()) {
                throw new InetException(InetError.NXDOMAIN, host, null);
            }
            return out;
        } catch (UnknownHostException e) {
            throw new InetException(InetError.NXDOMAIN, host, e);
        }
    }

    /** Erlang's byte list as bytes: every char must be 0..255, else {@link IllegalArgumentException}. */
    public static Bytes byteList(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                throw new IllegalArgumentException("char " + (int) s.charAt(i) + " at index " + i
                        + " is not a byte (0..255); encode text first, e.g. Bytes.utf8(s)");
            }
        }
        return Bytes.latin1(s);
    }

    /** How Erlang's shell prints a received datum: binaries as {@code <<...>>}, byte lists as strings. */
    public static String term(Object data) {
        return data instanceof String s ? ErlTerms.string(Bytes.latin1(s)) : String.valueOf(data);
    }
}
