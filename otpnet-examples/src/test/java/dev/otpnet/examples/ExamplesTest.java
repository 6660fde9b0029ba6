package dev.otpnet.examples;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.recbuf;
import static dev.otpnet.inet.Options.sndbuf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import dev.otpnet.tcp.TcpSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExamplesTest {

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    @Test
    void theServerReceivesWhatTheClientSentBeforeClosing() throws Exception {
        TcpListenSocket lsock = GenTcp.listen(0, List.of(binary(), packet(0), active(false), ip("127.0.0.1")));
        Pid self = Proc.self();
        Pid server = Proc.spawn(() -> {
            try {
                self.send(ClientServer.server(lsock));
            } catch (InetException e) {
                self.send(e);
            }
        });
        lsock.controllingProcess(server);
        ClientServer.client(lsock.port());
        assertEquals(Bytes.latin1("Some Data"), Proc.receive(Object.class, 10_000).orElseThrow());
    }

    @Test
    void theWorkerPoolAnswersConcurrentClients() throws Exception {
        TcpListenSocket ls = WorkerPoolServer.start(3, 0);
        try {
            int port = ls.port();
            Pid self = Proc.self();
            int clients = 12;
            for (int i = 0; i < clients; i++) {
                String message = "message " + i;
                Proc.spawn(() -> {
                    try {
                        self.send(List.of(message, WorkerPoolServer.client(port, message)));
                    } catch (InetException e) {
                        self.send(List.of(message, e.reason()));
                    }
                });
            }
            for (int i = 0; i < clients; i++) {
                List<?> answer = Proc.receive(List.class, 10_000).orElseThrow();
                assertEquals(((String) answer.get(0)).toUpperCase(java.util.Locale.ROOT), answer.get(1));
            }
        } finally {
            ls.close();
        }
    }

    @Test
    void theQuickStartEchoServerEchoesFramedPackets() throws Exception {
        TcpListenSocket l = GenTcp.listen(0, List.of(binary(), packet(4), active(false), ip("127.0.0.1")));
        Pid server = Proc.spawn(() -> EchoServer.serve(l));
        l.controllingProcess(server);
        try (TcpSocket c = GenTcp.connect("127.0.0.1", l.port(), List.of(binary(), packet(4), active(false)), 5000)) {
            for (String m : List.of("one", "", "three")) {
                c.send(m);
                assertEquals(Bytes.latin1(m), c.recv(0, 5000));
            }
        }
        Proc.exit(server, dev.otpnet.process.ExitReason.KILL);
    }

    @Test
    void theReadmeQuickStartIsEchoServerAsItIs() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of("").toAbsolutePath().getParent();
        String source = java.nio.file.Files.readString(
                root.resolve("otpnet-examples/src/main/java/dev/otpnet/examples/EchoServer.java"));
        String fromClassLine = source.substring(source.indexOf("public final class EchoServer {"));
        String readme = java.nio.file.Files.readString(root.resolve("README.md"));
        int quickStart = readme.indexOf("## Quick start");
        int start = readme.indexOf("```java\n", quickStart) + "```java\n".length();
        int end = readme.indexOf("```\n", start);
        assertEquals(fromClassLine.strip(), readme.substring(start, end).strip(),
                "README's quick start is EchoServer.java from its class line down");
    }

    @Test
    void theForwarderReportsASendTimeoutWhenTheServerStopsReading() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), active(false), recbuf(8192)))) {
            Pid forwarder = SendTimeoutClient.start("127.0.0.1", l.port(), 300, List.of(sndbuf(8192)));
            TcpSocket stalled = l.accept(10_000);
            Bytes chunk = Bytes.wrap(new byte[32 * 1024]);
            List<Object> replies = new ArrayList<>();
            Pid self = Proc.self();
            // The server never reads: sooner or later a send times out and the forwarder says so.
            for (int i = 0; i < 4096; i++) {
                forwarder.send(new SendTimeoutClient.SendData(self, chunk));
                Object reply = Proc.receive(Object.class, 10_000).orElseThrow();
                replies.add(reply);
                if (reply instanceof SendTimeoutClient.ErrorSending) {
                    break;
                }
            }
            assertEquals(new SendTimeoutClient.ErrorSending(forwarder, InetError.TIMEOUT), replies.getLast());
            assertTrue(replies.size() > 1, "some sends went through first");
            stalled.close();
        }
    }
}
