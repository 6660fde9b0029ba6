package dev.otpnet.inet;

import static dev.otpnet.inet.Options.binary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.process.Proc;
import dev.otpnet.testing.Loopback;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InetTest {

    @Test
    void formatErrorGivesErlangsText() {
        assertEquals("connection refused", Inet.formatError(Posix.ECONNREFUSED));
        assertEquals("address already in use", Inet.formatError(Posix.EADDRINUSE));
        assertEquals("message too long", Inet.formatError(Posix.EMSGSIZE));
        assertEquals("non-existing domain", Inet.formatError(InetError.NXDOMAIN));
        assertEquals("unknown POSIX error", Inet.formatError(InetError.CLOSED), "as erl says for closed");
        assertEquals("a system limit was hit, probably not enough ports", Inet.formatError(InetError.SYSTEM_LIMIT));
    }

    @Test
    void everyPosixAtomRoundTripsByName() {
        for (Posix p : Posix.values()) {
            assertEquals(p, Posix.fromAtom(p.atom()).orElseThrow());
            assertEquals(p.atom(), p.toString());
            assertTrue(!p.text().isEmpty());
        }
        assertTrue(Posix.fromAtom("closed").isEmpty());
    }

    @Test
    void exceptionMessagesNameTheAtomAndExplainIt() {
        assertEquals("closed: the socket is closed", new InetException(InetError.CLOSED).getMessage());
        assertEquals("econnrefused: connection refused (127.0.0.1:1)",
                new InetException(Posix.ECONNREFUSED, "127.0.0.1:1", null).getMessage());
    }

    @Test
    void ntoaWritesIpv6InItsShortestForm() {
        assertEquals("::1", Inet.ntoa(Inet.parseAddress("0:0:0:0:0:0:0:1")));
        assertEquals("::", Inet.ntoa(Inet.parseAddress("::")));
        assertEquals("fe80::1:0:0:2", Inet.ntoa(Inet.parseAddress("fe80:0:0:0:1:0:0:2")));
        assertEquals("1:0:2::", Inet.ntoa(Inet.parseAddress("1:0:2:0:0:0:0:0")));
        assertEquals("2001:db8::1", Inet.ntoa(Inet.parseAddress("2001:db8:0:0:0:0:0:1")));
        assertEquals("127.0.0.1", Inet.ntoa(Inet.parseAddress("127.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> Inet.parseAddress("localhost"));
    }

    @Test
    void iListsOpenSocketsLikeErlang() throws Exception {
        Proc.flush();
        try (Loopback p = Loopback.open(List.of(binary()))) {
            p.client().send("hello");
            dev.otpnet.testing.Mailbox.nextSocketMessage();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Inet.i(new PrintStream(out, true, StandardCharsets.UTF_8));
            String table = out.toString(StandardCharsets.UTF_8);
            assertTrue(table.startsWith("Port Module   Recv Sent Owner"), table);
            String server = p.server().toString().replaceAll("\\D*0\\.(\\d+)>", "$1");
            assertTrue(table.lines().anyMatch(l -> l.startsWith(server + " ") && l.contains(" 5 ")
                    && l.contains("CONNECTED(O)")), table);
            String listener = p.listener().toString().replaceAll("\\D*0\\.(\\d+)>", "$1");
            assertTrue(table.lines().anyMatch(l -> l.startsWith(listener + " ") && l.contains("LN:O")), table);
        }
    }

    @Test
    void bytesPrintLikeErlangBinaries() {
        assertEquals("<<\"hi\">>", Bytes.latin1("hi").toString());
        assertEquals("<<1,2,255>>", Bytes.of((byte) 1, (byte) 2, (byte) 255).toString());
        assertEquals("<<>>", Bytes.EMPTY.toString());
        assertEquals("\"a\\\"b\"", Inet.term("a\"b"));
        assertEquals(Bytes.latin1("abc"), Bytes.of((byte) 'a', (byte) 'b', (byte) 'c'));
        assertEquals(Bytes.latin1("abc").hashCode(), Bytes.wrap("xabc".getBytes(StandardCharsets.ISO_8859_1), 1, 3).hashCode());
    }

    @Test
    void portsListsEveryOpenSocketUntilItCloses() throws Exception {
        List<InetPort> p;
        try (Loopback pair = Loopback.open(List.of(binary()))) {
            p = List.of(pair.listener(), pair.client(), pair.server());
            assertTrue(Inet.ports().containsAll(p), Inet.ports().toString());
            pair.client().close();
            assertTrue(Inet.ports().stream().noneMatch(x -> x == pair.client()));
        }
        for (InetPort gone : p) {
            assertTrue(Inet.ports().stream().noneMatch(x -> x == gone), gone + " still listed");
        }
    }
}
