package dev.otpnet.testing;

import static dev.otpnet.inet.Options.active;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.Reason;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.tcp.TcpSocket;
import java.util.List;

/**
 * Reads packets from a socket the way its owner would in one active mode, so a suite written once
 * runs over all four: {@code recv} when passive, {@code Data} messages when {@code {active, true}},
 * re-arming {@code {active, once}} before each packet, and {@code {active, N}} re-armed after each
 * {@code Passive}. The socket must be owned by the calling process and opened with
 * {@link #initial(ActiveMode)}.
 */
public final class PacketReader {
    /** The count used for {@code {active, N}}: small, so that Passive and re-arming happen often. */
    public static final int N = 3;

    private final TcpSocket socket;
    private final ActiveMode mode;
    private boolean armed;

    public PacketReader(TcpSocket socket, ActiveMode mode) {
        this.socket = socket;
        this.mode = mode;
    }

    /** The {@code active} option to open the socket with: true for TRUE, passive for the others until read. */
    public static Option.Active initial(ActiveMode mode) {
        return active(mode == ActiveMode.TRUE);
    }

    /** The next packet, whatever the mode; fails the test if none comes before the deadline. */
    public Object next() throws InetException {
        Object packet = nextOrNull();
        return packet != null ? packet : fail("the stream ended where a packet was expected");
    }

    /**
     * The next packet, or null when the peer closed the stream cleanly ({@code recv} says
     * {@code closed}, or {@code Closed} comes); fails the test on an error or after the deadline.
     */
    public Object nextOrNull() throws InetException {
        if (mode == ActiveMode.FALSE) {
            try {
                return socket.recv(0, Mailbox.DEADLINE_MS);
            } catch (InetException e) {
                if (e.reason() == InetError.CLOSED) {
                    return null;
                }
                throw e;
            }
        }
        // At most one Passive can come before the next Data: two rounds are enough.
        for (int round = 0; round < 2; round++) {
            arm();
            SocketMessage m = Mailbox.nextSocketMessage();
            if (m instanceof SocketMessage.Passive) {
                assertEquals(ActiveMode.N, mode, "only {active,N} sends Passive");
                armed = false;
                continue;
            }
            if (m instanceof SocketMessage.Closed) {
                return null;
            }
            return assertInstanceOf(SocketMessage.Data.class, m, "expected a packet").data();
        }
        return fail("two Passive messages in a row from " + socket);
    }

    /**
     * How the stream ends after a framing error or the peer's close: the reason {@code recv} fails
     * with, or, when active, the reason of the {@code Error} message that must come before
     * {@code Closed} (null when only {@code Closed} comes).
     */
    public Reason end() throws InetException {
        if (mode == ActiveMode.FALSE) {
            try {
                Object more = socket.recv(0, Mailbox.DEADLINE_MS);
                return fail("expected the stream to end, got " + more);
            } catch (InetException e) {
                return e.reason();
            }
        }
        for (int round = 0; round < 2; round++) {
            arm();
            switch (Mailbox.nextSocketMessage()) {
                case SocketMessage.Error(var s, var reason) -> {
                    assertEquals(new SocketMessage.Closed(socket), Mailbox.nextSocketMessage(), "Closed after Error");
                    return reason;
                }
                case SocketMessage.Closed c -> {
                    return null;
                }
                case SocketMessage.Passive p -> armed = false;
                case SocketMessage other -> fail("expected the stream to end, got " + other);
            }
        }
        return fail("two Passive messages in a row from " + socket);
    }

    private void arm() throws InetException {
        switch (mode) {
            case ONCE -> socket.setopts(List.of(active(ActiveMode.ONCE)));
            case N -> {
                if (!armed) {
                    socket.setopts(List.of(active(N)));
                    armed = true;
                }
            }
            default -> { }
        }
    }
}
