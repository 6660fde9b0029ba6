package dev.otpnet.internal.socket;

import dev.otpnet.inet.InetException;
import dev.otpnet.socket.Domain;
import dev.otpnet.socket.Protocol;
import dev.otpnet.socket.SockAddr;
import dev.otpnet.socket.Socket;
import dev.otpnet.socket.SocketInfo;
import dev.otpnet.socket.Type;
import java.io.PrintStream;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** {@code socket:info/0,1}, {@code i/0}, {@code number_of/0} and {@code which_sockets/0,1}. */
public final class Reports {
    private Reports() {
    }

    public static int numberOf() {
        return SocketRegistry.count();
    }

    public static List<Socket> whichSockets(Predicate<SocketCore> filter) {
        List<Socket> out = new ArrayList<>();
        for (SocketCore s : SocketRegistry.open()) {
            if (filter.test(s)) {
                out.add(s.socket);
            }
        }
        return out;
    }

    /** {@code socket:info()}: Erlang's global counters, counted over the open sockets. */
    public static Map<String, Long> info() {
        Map<String, Long> m = new LinkedHashMap<>();
        List<SocketCore> open = SocketRegistry.open();
        m.put("num_sockets", (long) open.size());
        m.put("num_dinet", open.stream().filter(s -> s.domain == Domain.INET).count());
        m.put("num_dinet6", open.stream().filter(s -> s.domain == Domain.INET6).count());
        m.put("num_dlocal", open.stream().filter(s -> s.domain == Domain.LOCAL).count());
        m.put("num_tstreams", open.stream().filter(s -> s.type == Type.STREAM).count());
        m.put("num_tdgrams", open.stream().filter(s -> s.type == Type.DGRAM).count());
        m.put("num_ptcp", open.stream().filter(s -> s.protocol == Protocol.TCP).count());
        m.put("num_pudp", open.stream().filter(s -> s.protocol == Protocol.UDP).count());
        m.put("num_monitors", (long) SocketRegistry.monitorCount());
        return m;
    }

    /** {@code socket:info(Socket)}. */
    public static SocketInfo info(SocketCore s) {
        int readers = 0;
        int writers = 0;
        int acceptors = 0;
        for (Waiter w : s.pendingWaiters()) {
            switch (w.tag) {
                case "accept" -> acceptors++;
                case "recv", "recvfrom" -> readers++;
                default -> writers++;
            }
        }
        return new SocketInfo(s.domain, s.type, s.protocol, "normal", s.owner().pid(), s.counters.snapshot(),
                readers, writers, acceptors, rstates(s), wstates(s));
    }

    private static List<String> rstates(SocketCore s) {
        List<String> r = new ArrayList<>();
        if (s.isClosed()) {
            return List.of("closed");
        }
        SelectableChannel ch = s.channelOrNull();
        switch (ch) {
            case ServerSocketChannel l -> r.addAll(List.of("bound", "listening"));
            case SocketChannel c -> {
                if (bound(s)) {
                    r.add("bound");
                }
                if (c.isConnected()) {
                    r.add("connected");
                }
            }
            case DatagramChannel d -> {
                if (bound(s)) {
                    r.add("bound");
                }
                if (d.isConnected()) {
                    r.add("connected");
                }
            }
            default -> { }
        }
        if (r.isEmpty()) {
            r.add("open");
        }
        return r;
    }

    private static List<String> wstates(SocketCore s) {
        if (!s.isClosed() && s.channelOrNull() instanceof SocketChannel c && c.isConnectionPending()) {
            return List.of("connecting");
        }
        return List.of();
    }

    private static boolean bound(SocketCore s) {
        try {
            return ((java.nio.channels.NetworkChannel) s.channel()).getLocalAddress() != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** {@code socket:i()}: a table of the open sockets, with Erlang's columns. */
    public static void i(PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Domain", "Type", "Protocol", "Fd", "Owner", "Local Address", "Remote Address",
            "Recv", "Sent", "State"});
        for (SocketCore s : SocketRegistry.open()) {
            SocketInfo info = info(s);
            rows.add(new String[] {s.domain.toString(), s.type.toString().toUpperCase(Locale.ROOT),
                s.protocol.toString().toUpperCase(Locale.ROOT), s.ref.toString(), info.owner().toString(),
                address(s, true), address(s, false), String.valueOf(info.counters().get("read_byte")),
                String.valueOf(info.counters().get("write_byte")), String.join(":", info.rstates())
                    + (info.wstates().isEmpty() ? "" : " , " + String.join(":", info.wstates()))});
        }
        int[] width = new int[rows.getFirst().length];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                line.append(String.format("%-" + width[c] + "s ", r[c]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String address(SocketCore s, boolean local) {
        try {
            SockAddr a = local ? Io.sockname(s) : Io.peername(s);
            return switch (a) {
                case SockAddr.In(var addr, int port) -> addr.getHostAddress() + ":" + port;
                case SockAddr.In6(var addr, int port) -> "[" + addr.getHostAddress() + "]:" + port;
                case SockAddr.Local l -> l.path();
            };
        } catch (InetException e) {
            return "";
        }
    }
}
