package dev.otpnet.etf;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.SocketMessage;
import java.util.List;

/**
 * A Java program Erlang runs as a port ({@code erlang/port_peer.escript}): answers
 * {@code {echo, T}} with {@code {reply, T}} and {@code {add, A, B}} with the sum, and returns from
 * {@code main} when Erlang closes the port. Argument {@code stdio} for {@code use_stdio}.
 */
public final class PortEcho {
    private PortEcho() {
    }

    public static void main(String[] args) throws InetException {
        ErlangPort port = args.length > 0 && args[0].equals("stdio") ? ErlangPort.openStdio(List.of())
                : ErlangPort.open(List.of());
        TermSocket terms = TermSocket.over(port);
        while (terms.receive() instanceof SocketMessage.Data(var s, Term request)) {
            terms.send(switch (request) {
                case Tuple t when t.is("echo", 2) -> Tuple.of(Atom.of("reply"), t.get(1));
                case Tuple t when t.is("add", 3) && t.get(1) instanceof Int(long a) && t.get(2) instanceof Int(long b) ->
                        new Int(a + b);
                default -> Tuple.of(Atom.ERROR, Tuple.of(Atom.of("unknown"), request));
            });
        }
    }
}
