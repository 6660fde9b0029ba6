package dev.otpnet.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpnet.etf.Atom;
import dev.otpnet.etf.ErlList;
import dev.otpnet.etf.Int;
import dev.otpnet.etf.Term;
import dev.otpnet.etf.Terms;
import dev.otpnet.etf.Tuple;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.testing.ErlangPeer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Terms over the socket module against Erlang's gen_tcp with {@code {packet, 4}}. */
@Tag("interop")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketTermsInteropTest {

    @Test
    void termsGoBothWaysAndATimeOutInTheMiddleOfAPacketLosesNothing() throws Exception {
        try (ErlangPeer erl = ErlangPeer.start("socket_terms_peer.escript")) {
            Socket s = Sockets.open(Domain.INET, Type.STREAM, Protocol.TCP);
            Sockets.connect(s, SockAddr.In.loopback(erl.port()));
            SocketTerms terms = SocketTerms.over(s);

            Term sent = Tuple.of(Atom.of("hello"), Terms.fromJava(Map.of("k", 42)), Terms.fromJava("text"));
            terms.send(sent);
            assertEquals(Tuple.of(Atom.of("echo"), sent), terms.recv(10_000));

            terms.send(Atom.of("split"));
            InetException e = assertThrows(InetException.class, () -> terms.recv(300));
            assertEquals(InetError.TIMEOUT, e.reason(), "only half of the packet came");
            terms.send(Atom.of("go"));
            Term whole = Tuple.of(Atom.of("split_reply"),
                    ErlList.of(IntStream.rangeClosed(1, 100).mapToObj(i -> (Term) Int.of(i)).toArray(Term[]::new)));
            assertEquals(whole, terms.recv(10_000), "the packet is whole: the half read before the time-out was kept");

            terms.send(Atom.OK);
            assertEquals(Tuple.of(Atom.of("echo"), Atom.OK), terms.recv(10_000), "and the stream keeps its framing");
            Sockets.close(s);
            erl.expectOk();
        }
    }
}
