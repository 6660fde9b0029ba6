package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.Mailbox;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sockets owned by adopted threads (plain threads that called into otpnet) close when the thread
 * ends, as a process's sockets close when it exits.
 */
@Timeout(60)
class AdoptedThreadSocketsTest {

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    @Test
    void poolThreadsThatConnectAndEndCloseTheirSockets() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(binary(), active(true), ip("127.0.0.1")))) {
            int port = l.port();
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<TcpSocket> clients = new ArrayList<>();
            Set<TcpSocket> accepted = new HashSet<>();
            for (int i = 0; i < threads * 3; i++) {
                clients.add(pool.submit(() -> GenTcp.connect("127.0.0.1", port, List.of(binary()), 5000))
                        .get(10, TimeUnit.SECONDS));
                accepted.add(l.accept(10_000));
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            // The pool's threads are gone, so are their processes: every client socket closes...
            Eventually.until("every client socket is closed", () -> clients.stream().noneMatch(TcpSocket::isOpen));
            // ...and the peer sees it.
            Set<TcpSocket> closed = new HashSet<>();
            while (closed.size() < accepted.size()) {
                if (Mailbox.nextSocketMessage() instanceof SocketMessage.Closed(var s)) {
                    closed.add((TcpSocket) s);
                }
            }
            assertEquals(accepted, closed);
            for (TcpSocket c : clients) {
                assertFalse(Proc.isAlive(c.owner()), c + " was owned by " + c.owner());
            }
            accepted.forEach(TcpSocket::close);
        }
    }
}
