package dev.otpnet.internal.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the acceptor thread does when accepting fails: nothing may end without the callers hearing. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class AcceptorFailureTest {

    private static ServerSocketChannel server() throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return s;
    }

    @Test
    void anIoFailureGoesToOneCallerAndTheNextAcceptWorks() throws Exception {
        try (ServerSocketChannel server = server()) {
            AtomicInteger calls = new AtomicInteger();
            Acceptor acceptor = new Acceptor(server, () -> {
                if (calls.getAndIncrement() == 0) {
                    throw new SocketException("Too many open files");
                }
                return server.accept();
            }, () -> { });
            InetException e = assertThrows(InetException.class, () -> acceptor.accept(5000));
            assertEquals(Posix.EMFILE, e.reason());
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                    SocketChannel accepted = acceptor.accept(5000)) {
                assertNotNull(accepted);
                assertEquals(client.getLocalAddress(), accepted.getRemoteAddress());
            }
            assertTrue(server.isOpen());
            acceptor.close();
        }
    }

    @Test
    void anErrorClosesTheListenSocketAndEveryCallerHearsWhy() throws Exception {
        try (ServerSocketChannel server = server()) {
            AtomicInteger hooks = new AtomicInteger();
            Acceptor acceptor = new Acceptor(server, () -> {
                throw new OutOfMemoryError("test: no room for the connection");
            }, hooks::incrementAndGet);
            InetException e = assertThrows(InetException.class, () -> acceptor.accept(5000));
            assertEquals(Posix.ENOMEM, e.reason());
            assertTrue(e.getMessage().contains("no room for the connection"), e.getMessage());
            assertEquals(1, hooks.get(), "the owner's close hook ran once");
            assertFalse(server.isOpen(), "the listen socket closed");
            InetException later = assertThrows(InetException.class, () -> acceptor.accept(5000));
            assertEquals(InetError.CLOSED, later.reason());
            assertTrue(later.getMessage().contains("no room for the connection"), later.getMessage());
            assertTrue(acceptor.isClosed());
        }
    }

    @Test
    void anyOtherErrorIsASystemLimit() throws Exception {
        try (ServerSocketChannel server = server()) {
            Acceptor acceptor = new Acceptor(server, () -> {
                throw new NoClassDefFoundError("Could not initialize class sun.nio.ch.Poller");
            }, () -> { });
            InetException e = assertThrows(InetException.class, () -> acceptor.accept(5000));
            assertEquals(InetError.SYSTEM_LIMIT, e.reason());
            assertFalse(server.isOpen());
        }
    }
}
