package dev.otpnet.examples;

import dev.otpnet.etf.Atom;
import dev.otpnet.etf.ErlList;
import dev.otpnet.etf.ErlangPort;
import dev.otpnet.etf.Term;
import dev.otpnet.etf.TermSocket;
import dev.otpnet.etf.Terms;
import dev.otpnet.etf.Tuple;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.SocketMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Java program an Elixir or Erlang application runs as a port: a small key-value store.
 * {@code elixir/kv_client.exs} starts it with
 * {@code Port.open({:spawn_executable, java}, [{:packet, 4}, :binary, :nouse_stdio, args: ...])}
 * and calls it with {@code :erlang.term_to_binary} requests:
 *
 * <pre>
 *   {:put, key, value}  -> :ok
 *   {:get, key}         -> {:ok, value} | :not_found
 *   {:delete, key}      -> :ok
 *   :keys               -> [key, ...]   (in insertion order)
 *   :stats              -> {:stats, puts, gets, size}   (a Java record, as Terms.fromJava writes it)
 *   anything else       -> {:error, {:bad_request, request}}
 * </pre>
 *
 * The program ends when the application closes the port.
 */
public final class KvPort {
    /** What {@code :stats} answers: travels as {@code {stats, Puts, Gets, Size}}. */
    record Stats(long puts, long gets, int size) {
    }

    private final Map<Term, Term> store = new LinkedHashMap<>();
    private long puts;
    private long gets;

    /** One request's answer. */
    Term handle(Term request) {
        return switch (request) {
            case Tuple t when t.is("put", 3) -> {
                store.put(t.get(1), t.get(2));
                puts++;
                yield Atom.OK;
            }
            case Tuple t when t.is("get", 2) -> {
                gets++;
                Term v = store.get(t.get(1));
                yield v == null ? Atom.of("not_found") : Tuple.of(Atom.OK, v);
            }
            case Tuple t when t.is("delete", 2) -> {
                store.remove(t.get(1));
                yield Atom.OK;
            }
            case Atom a when a.name().equals("keys") -> new ErlList(List.copyOf(store.keySet()));
            case Atom a when a.name().equals("stats") -> Terms.fromJava(new Stats(puts, gets, store.size()));
            default -> Tuple.of(Atom.ERROR, Tuple.of(Atom.of("bad_request"), request));
        };
    }

    public static void main(String[] args) throws InetException {
        ErlangPort port = ErlangPort.open(List.of()); // fds 3 and 4, {packet, 4}, binary, {active, true}
        TermSocket terms = TermSocket.over(port);
        KvPort kv = new KvPort();
        while (terms.receive() instanceof SocketMessage.Data(var s, Term request)) {
            terms.send(kv.handle(request));
        }
        // Closed: the application closed the port (or exited); returning ends the program.
    }
}
