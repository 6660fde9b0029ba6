package dev.otpnet.etf;

import static dev.otpnet.inet.Options.active;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Options;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Proc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The port endpoint over two in-process pipes standing in for Erlang's: framing, messages,
 * ownership and the end of the input. {@code ErlangPortInteropTest} runs it under real Erlang.
 */
@Timeout(30)
class ErlangPortTest {

    private static void writeFrame(Pipe.SinkChannel sink, Bytes payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.size()).putInt(payload.size());
        payload.copyTo(b);
        b.flip();
        while (b.hasRemaining()) {
            sink.write(b);
        }
    }

    private static Bytes readFrame(Pipe.SourceChannel source) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(4);
        while (h.hasRemaining()) {
            if (source.read(h) < 0) {
                throw new IOException("end of stream");
            }
        }
        ByteBuffer body = ByteBuffer.allocate(h.flip().getInt());
        while (body.hasRemaining()) {
            if (source.read(body) < 0) {
                throw new IOException("end of stream");
            }
        }
        return Bytes.wrap(body.array());
    }

    @Test
    void framesFromErlangArriveAsDataAndTheEndOfInputAsClosed() throws IOException, InetException {
        Pipe fromErlang = Pipe.open();
        Pipe toErlang = Pipe.open();
        ErlangPort port = ErlangPort.over(fromErlang.source(), toErlang.sink(), List.of());
        try {
            assertEquals(Proc.self(), port.owner());
            assertEquals("port", port.transport());
            TermSocket terms = TermSocket.over(port);
            writeFrame(fromErlang.sink(), Terms.termToBinary(Tuple.of(Atom.of("echo"), Binary.utf8("hi"))));
            SocketMessage m = terms.receive(10_000).orElseThrow();
            assertEquals(new SocketMessage.Data(port, Tuple.of(Atom.of("echo"), Binary.utf8("hi"))), m);
            assertTrue(m.toString().startsWith("{port,#Port<0."), m.toString());

            terms.send(Tuple.of(Atom.OK, new Int(1)));
            assertEquals(Tuple.of(Atom.OK, new Int(1)), Terms.binaryToTerm(readFrame(toErlang.source())));

            fromErlang.sink().close(); // Erlang's port_close
            assertInstanceOf(SocketMessage.Closed.class, terms.receive(10_000).orElseThrow());
            assertTrue(!port.isOpen());
            // Both pipe ends this side held are released: nothing leaks once Erlang is gone.
            dev.otpnet.testing.Eventually.until("the port's pipe ends are closed",
                    () -> !fromErlang.source().isOpen() && !toErlang.sink().isOpen());
        } finally {
            port.close();
        }
    }

    @Test
    void aPassivePortIsReadWithRecvAndRawFramingIsAnOption() throws IOException, InetException {
        Pipe fromErlang = Pipe.open();
        Pipe toErlang = Pipe.open();
        ErlangPort port = ErlangPort.over(fromErlang.source(), toErlang.sink(), List.of(active(false), Options.packet(2)));
        try {
            ByteBuffer frame = ByteBuffer.wrap(new byte[] {0, 3, 'a', 'b', 'c'});
            fromErlang.sink().write(frame);
            assertEquals(Bytes.latin1("abc"), port.recv(0, 10_000));
            fromErlang.sink().close();
            InetException e = assertThrows(InetException.class, () -> port.recv(0, 10_000));
            assertEquals(InetError.CLOSED, e.reason());
        } finally {
            port.close();
        }
    }

    @Test
    void sendingAfterErlangStoppedReadingFailsAndClosesThePort() throws IOException, InetException {
        Pipe fromErlang = Pipe.open();
        Pipe toErlang = Pipe.open();
        ErlangPort port = ErlangPort.over(fromErlang.source(), toErlang.sink(), List.of(active(false)));
        try {
            toErlang.source().close(); // Erlang's side of the pipe is gone
            InetException e = assertThrows(InetException.class, () -> port.send(Bytes.latin1("late")));
            assertEquals(InetError.CLOSED, e.reason(), e::getMessage); // as gen_tcp reports a broken pipe
        } finally {
            port.close();
        }
        assertTrue(!fromErlang.source().isOpen() && !toErlang.sink().isOpen(), "close releases both pipe ends");
    }

    @Test
    void kernelOptionsAndAddressesAreRefusedSayingWhy() throws IOException {
        Pipe a = Pipe.open();
        Pipe b = Pipe.open();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ErlangPort.over(a.source(), b.sink(), List.of(Options.nodelay(true))));
        assertTrue(e.getMessage().contains("pipes have none"), e.getMessage());
        ErlangPort port = ErlangPort.over(a.source(), b.sink(), List.of());
        try {
            InetException none = assertThrows(InetException.class, port::peername);
            assertEquals(Posix.ENOTSUP, none.reason());
        } finally {
            port.close();
        }
    }
}
