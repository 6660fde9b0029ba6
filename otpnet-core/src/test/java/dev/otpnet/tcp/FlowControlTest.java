package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.ONCE;
import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Mailbox;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A peer that writes as fast as it can to a socket whose owner reads nothing must be pushed back
 * by TCP, and our heap must not grow: the socket reads at most one chunk ahead.
 */
class FlowControlTest {
    private static final long GIB = 1L << 30;
    private static final long HEAP_SLACK = 16L << 20;

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    static Stream<Option.Active> nonReadingModes() {
        return Stream.of(active(false), active(ONCE), active(3));
    }

    @ParameterizedTest
    @MethodSource("nonReadingModes")
    void aPeerWritingAGibibyteToAnOwnerThatDoesNotReadIsPushedBack(Option.Active mode) throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), binary(), mode));
                SocketChannel peer = SocketChannel.open(new InetSocketAddress("127.0.0.1", l.port()));
                TcpSocket s = l.accept(10_000)) {
            long heapBefore = usedHeapAfterGc();
            peer.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
            long written = 0;
            int stalledPolls = 0;
            long pause = 1;
            // Write until the peer's writes stop going through: twenty polls in a row that write nothing.
            while (stalledPolls < 20) {
                if (written >= GIB) {
                    fail("the peer wrote a whole GiB: nothing pushed back");
                }
                chunk.clear();
                int n = peer.write(chunk);
                written += n;
                if (n == 0) {
                    stalledPolls++;
                    Thread.sleep(pause);
                    pause = Math.min(pause * 2, 20);
                } else {
                    stalledPolls = 0;
                    pause = 1;
                }
            }
            long heapGrowth = usedHeapAfterGc() - heapBefore;
            assertTrue(written < 64L << 20, "the peer stalled after " + written + " bytes");
            assertTrue(heapGrowth < HEAP_SLACK, "heap grew by " + heapGrowth + " bytes");
            int expectedData = switch (mode.mode()) {
                case ONCE -> 1;
                case N -> 3;
                default -> 0;
            };
            long delivered = 0;
            for (int i = 0; i < expectedData; i++) {
                SocketMessage m = Mailbox.nextSocketMessage();
                delivered += ((Bytes) ((SocketMessage.Data) m).data()).size();
            }
            if (mode.mode() == ActiveMode.N) {
                assertEquals(new SocketMessage.Passive(s), Mailbox.nextSocketMessage());
            }
            assertEquals(0, Proc.messageQueueLen(Proc.self()), "no more than the mode allows was delivered");
            // Reading again drains what the peer managed to send: nothing was lost while we pushed back.
            long read = delivered;
            while (read < written) {
                read += ((Bytes) s.recv(0, 10_000)).size();
            }
            assertEquals(written, read);
        }
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
