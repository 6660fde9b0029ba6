package dev.otpnet.internal.conn;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.inet.ShutdownHow;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.inet.Stats;
import dev.otpnet.internal.process.Current;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.internal.wire.Failures;
import dev.otpnet.internal.wire.PolledWire;
import dev.otpnet.internal.wire.Wire;
import dev.otpnet.packet.PacketType;
import dev.otpnet.packet.Packets;
import dev.otpnet.process.Pid;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One connected socket, whatever its wire: ownership, options, close, and the two directions
 * ({@link Receiver}, {@link Sender}). {@code TcpSocket} and {@code SslSocket} are thin handles over
 * a {@code Conn}, so framing, active modes, flow control and ownership behave the same on both.
 *
 * <p>Thread safety: every method may be called from any thread. Settings are an immutable
 * {@link Settings} swapped under the receiver's lock, so delivery and mode changes are ordered.
 */
public final class Conn {
    private final long id;
    private final InetSocket handle;
    private final Wire wire;
    private final NetworkChannel kernel;
    private final Receiver receiver;
    private final Sender sender;
    private volatile Settings settings;
    private final Ownership ownership;
    private volatile boolean open = true;
    /** The {@code {active, once}} settings pair, reused each cycle. Guarded by the receiver's lock. */
    private final OnceCycle once = new OnceCycle();
    /** The socket closed because a passive recv met the end; Erlang's later recvs say enotconn. */
    private volatile boolean endedInRecv;
    /**
     * send_timeout_close closed the socket; until the user closes it too, sends and recvs say
     * enotconn, as inet_drv does for a port whose connection it dropped.
     */
    private volatile boolean droppedBySendTimeout;

    /**
     * @param kernel the channel whose kernel options (nodelay, recbuf...) this socket exposes, or
     *     null when the wire has none
     */
    public Conn(long id, InetSocket handle, Wire wire, NetworkChannel kernel, Settings settings, ProcessCore owner) {
        this.id = id;
        this.handle = handle;
        this.wire = wire;
        this.kernel = kernel;
        this.settings = settings;
        this.ownership = new Ownership(owner, this::close);
        this.receiver = new Receiver(this);
        this.sender = new Sender(this);
    }

    /** Starts reading and ties the socket's life to its owner's. */
    public void start() {
        ownership.attach();
        receiver.start("otpnet-reader-" + id);
        SocketTable.add(handle);
    }

    public long id() {
        return id;
    }

    public InetSocket handle() {
        return handle;
    }

    Wire wire() {
        return wire;
    }

    public Settings settings() {
        return settings;
    }

    void replaceSettings(Settings s) {
        settings = s;
    }

    /** The settings after one delivery under {@code s} ({@link Settings#afterDelivery}). Under the receiver's lock. */
    Settings afterDelivery(Settings s) {
        return once.afterDelivery(s);
    }

    public Pid owner() {
        return ownership.pid();
    }

    /** Whether the calling thread is the owner process's (so its death, which interrupts it, closes this socket anyway). */
    boolean calledByOwner() {
        return Current.peek() == ownership.owner();
    }

    public boolean isOpen() {
        return open;
    }

    void deliver(SocketMessage message) {
        ownership.owner().deliver(message);
    }

    // ---------------------------------------------------------------- data

    /** Sends one packet, adding the length header of {@code {packet, 1|2|4}}. */
    public void send(Bytes data) throws InetException {
        if (!open) {
            throw new InetException(droppedBySendTimeout ? Posix.ENOTCONN : InetError.CLOSED);
        }
        PacketType type = settings.packet();
        if (type.lengthHeader() > 0) {
            // Erlang's gen_tcp would wrap the length and corrupt the stream; we refuse, as its ssl does.
            if (!Packets.fitsLengthHeader(type, data.size())) {
                long max = (1L << (8 * type.lengthHeader())) - 1;
                throw new InetException(new Reason.Tagged("badarg",
                        "{packet_to_large," + data.size() + "," + max + "}"),
                        "{packet," + type + "} cannot frame " + data.size() + " bytes", null);
            }
        }
        sender.send(type.lengthHeader(), data);
    }

    public Object recv(int length, long timeoutMillis) throws InetException {
        if (length < 0) {
            throw new IllegalArgumentException("recv length must be >= 0, got " + length);
        }
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("recv timeout must be >= 0 or infinity, got " + timeoutMillis);
        }
        if (!open) {
            throw new InetException(endedInRecv || droppedBySendTimeout ? Posix.ENOTCONN : InetError.CLOSED);
        }
        return receiver.recv(length, timeoutMillis);
    }

    // ---------------------------------------------------------------- lifecycle

    /** close/1: closes at once for the caller; queued bytes are still written unless linger is {true,0}. */
    public void close() {
        if (!markClosed()) {
            droppedBySendTimeout = false; // closed by its user now: later calls say closed
            return;
        }
        releaseWire();
    }

    private void releaseWire() {
        if (lingerAborts()) {
            wire.abort();
        } else if (sender.closeWhenDrained()) {
            wire.close();
        }
    }

    /** The peer ended the stream and that was reported; with exit_on_close (or an error) the socket closes. */
    void peerClosed(boolean closeSocket, boolean toldByRecv) {
        if (closeSocket) {
            endedInRecv = toldByRecv;
            close();
        }
    }

    /**
     * Active mode's end: {@code closed} goes to the owner after the socket is closed for its users
     * (an owner that sees it finds sends refused) but before the descriptor is, so the peer cannot
     * see the close before our owner hears of it. Erlang's inet_drv orders them the same way.
     */
    void peerClosed(boolean closeSocket, SocketMessage closed) {
        boolean mine = false;
        if (closeSocket) {
            endedInRecv = false;
            mine = markClosed();
        }
        deliver(closed);
        if (mine) {
            releaseWire();
        }
    }

    /** send_timeout_close: the send timed out, so the socket is closed and unsent bytes dropped. */
    void abortAfterSendTimeout() {
        droppedBySendTimeout = true; // before the close is visible, so no send sees closed first
        if (markClosed()) {
            wire.abort();
        } else {
            droppedBySendTimeout = false; // already closed otherwise: later calls say closed
        }
    }

    /**
     * Takes the wire away, still open, for a new socket layered on it (an upgrade to TLS). The
     * socket must be passive with no read in flight ({@code einval} otherwise); queued sends are
     * written first. Afterwards this socket is closed for its users.
     */
    public Detached detach() throws InetException {
        if (!open) {
            throw new InetException(InetError.CLOSED);
        }
        if (settings.isActive()) {
            throw new InetException(Posix.EINVAL, "the socket must be passive ({active,false}) to be taken over", null);
        }
        sender.awaitIdle();
        Bytes buffered = receiver.detach();
        if (wire instanceof PolledWire t && t.isPolled()) {
            t.onReadable(null); // the new layer reads in its own way, polled or not
            t.disarmRead();
        }
        markClosed();
        return new Detached(wire, kernel, buffered, settings);
    }

    private boolean markClosed() {
        synchronized (this) {
            if (!open) {
                return false;
            }
            open = false;
        }
        SocketTable.remove(handle);
        ownership.release();
        receiver.stop();
        sender.wake();
        return true;
    }

    private boolean lingerAborts() {
        if (kernel == null || !kernel.isOpen()) {
            return false;
        }
        try {
            return kernel.getOption(java.net.StandardSocketOptions.SO_LINGER) == 0;
        } catch (Exception e) {
            return false;
        }
    }

    public void shutdown(ShutdownHow how) throws InetException {
        if (!open) {
            throw new InetException(InetError.CLOSED);
        }
        if (how != ShutdownHow.WRITE) {
            try {
                wire.shutdownInput();
            } catch (Exception e) {
                throw Failures.toInet(e);
            }
        }
        if (how != ShutdownHow.READ) {
            sender.shutdownOutput();
        }
    }

    // ---------------------------------------------------------------- ownership

    /** controlling_process/2: only the owner may; the socket's queued messages move with it, in order. */
    public void controllingProcess(Pid pid) throws InetException {
        if (!open) {
            throw new InetException(InetError.CLOSED);
        }
        // Delivery happens under the receiver's lock, so no message slips in between the move and the switch.
        receiver.lock.lock();
        try {
            ownership.transfer(pid, (from, to) ->
                    from.transferMessages(m -> m instanceof SocketMessage sm && sm.socket() == handle, to));
        } finally {
            receiver.lock.unlock();
        }
    }

    // ---------------------------------------------------------------- options

    public void setopts(List<? extends Option> options) throws InetException {
        if (!open) {
            throw new InetException(InetError.CLOSED);
        }
        for (Option o : options) {
            KernelOptions.requireSupported(o.name());
            switch (o.name()) {
                case BACKLOG, IP, PORT, FAMILY -> throw new InetException(Posix.EINVAL,
                        o + " can only be given when the socket is created", null);
                default -> { }
            }
        }
        receiver.lock.lock();
        try {
            Settings s = settings;
            boolean passiveNow = false;
            for (Option o : options) {
                if (o.name().support() == OptionName.Support.JDK) {
                    if (kernel == null) {
                        throw new InetException(Posix.ENOTSUP, o + ": this socket has no kernel socket", null);
                    }
                    KernelOptions.apply(kernel, o);
                    s = s.with(o);
                    continue;
                }
                try {
                    s = once.with(s, o);
                } catch (ArithmeticException e) {
                    throw new InetException(Posix.EINVAL, e.getMessage(), e);
                }
                if (o instanceof Option.Active a && a.mode() == ActiveMode.N) {
                    passiveNow = s.active() == ActiveMode.FALSE;
                }
            }
            settings = s;
            if (passiveNow) {
                deliver(new SocketMessage.Passive(handle));
            }
            receiver.signal();
        } finally {
            receiver.lock.unlock();
        }
    }

    public List<Option> getopts(List<OptionName> names) throws InetException {
        if (!open) {
            throw new InetException(InetError.CLOSED);
        }
        Settings s = settings;
        List<Option> out = new ArrayList<>(names.size());
        for (OptionName n : names) {
            KernelOptions.requireSupported(n);
            if (n.support() == OptionName.Support.JDK) {
                if (kernel == null) {
                    throw new InetException(Posix.ENOTSUP, n + ": this socket has no kernel socket", null);
                }
                out.add(KernelOptions.read(kernel, n));
            } else {
                out.add(SettingsView.read(s, n));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- addresses and stats

    public InetSocketAddress peername() throws InetException {
        if (!open) {
            throw new InetException(InetError.CLOSED);
        }
        try {
            return (InetSocketAddress) wire.remoteAddress();
        } catch (Exception e) {
            throw Failures.toInet(e);
        }
    }

    public InetSocketAddress sockname() throws InetException {
        if (!open) {
            throw new InetException(InetError.CLOSED);
        }
        try {
            return (InetSocketAddress) wire.localAddress();
        } catch (Exception e) {
            throw Failures.toInet(e);
        }
    }

    public Stats getstat() throws InetException {
        if (!open) {
            throw new InetException(InetError.CLOSED);
        }
        long[] v = new long[10];
        receiver.fillStats(v);
        sender.fillStats(v);
        return new Stats(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }
}
