package dev.otpnet.internal.conn;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Inet;
import dev.otpnet.inet.Option;
import dev.otpnet.packet.PacketOptions;
import dev.otpnet.packet.PacketType;

/**
 * The socket layer's own option values, normalised once (Ranch's {@code prepare_socket_opts}).
 * Immutable: a live socket swaps in a new instance on {@code setopts}. Kernel options (nodelay,
 * recbuf...) are not kept here; they live in the kernel and are read back from it.
 *
 * @param activeCount the remaining count when {@code active} is {@link ActiveMode#N}
 * @param bufferSet whether this socket was given {@code {buffer, N}}; until it is, a larger
 *     {@code {recbuf, N}} raises the buffer to N, as inet_drv does
 */
public record Settings(
        ActiveMode active,
        int activeCount,
        boolean binary,
        int header,
        PacketType packet,
        int packetSize,
        int lineDelimiter,
        boolean deliverTerm,
        int buffer,
        boolean bufferSet,
        boolean delaySend,
        boolean exitOnClose,
        boolean showEconnreset,
        long sendTimeout,
        boolean sendTimeoutClose,
        int highWatermark,
        int lowWatermark,
        int highMsgqWatermark,
        int lowMsgqWatermark) {

    /** gen_tcp's defaults, as {@code inet:getopts} reports them on a fresh socket. */
    public static final Settings DEFAULT = new Settings(ActiveMode.TRUE, 0, false, 0, PacketType.RAW, 0, '\n',
            true, 1460, false, false, true, false, dev.otpnet.internal.time.Deadline.INFINITY, false, 8192, 4096, 8192, 4096);

    /**
     * The options a framing decoder needs. For the http types the socket's {@code {buffer, N}} is
     * the line limit ({@code line_length}), because gen_tcp holds a line of unknown length in that
     * buffer: with {@code packet_size} 0, a request or status line may fill it, a header line must
     * be one byte shorter (the byte after it must be seen to rule out a folded line), and a longer
     * line is {@code emsgsize}; a larger {@code packet_size} lets the line grow to it. Checked
     * against Erlang/OTP 25 (buffer 1460: a 1460-byte header line is emsgsize, 1459 passes).
     * {@code line} gets no limit from the buffer: otpnet never cuts a line at a buffer size, only
     * {@code packet_size} bounds it (a deliberate difference from gen_tcp, which splits lines there).
     */
    public PacketOptions packetOptions() {
        PacketOptions o = PacketOptions.DEFAULT.withPacketSize(packetSize).withLineDelimiter((byte) lineDelimiter);
        return packet.isHttp() ? o.withLineLength(buffer) : o;
    }

    /**
     * The settings an accepted socket starts with: this listen socket's, except that it has not
     * been given {@code {buffer, N}} itself, so a later {@code recbuf} may still raise its buffer.
     */
    public Settings forAccepted() {
        Mutable m = new Mutable(this);
        m.bufferSet = false;
        return m.freeze();
    }

    /** Whether the socket delivers messages (any mode but passive). */
    public boolean isActive() {
        return active != ActiveMode.FALSE;
    }

    /**
     * This with {@code option} applied (unchanged if it is not a socket-layer option, except that
     * {@code recbuf}, a kernel option, raises the buffer as described at {@link #bufferSet}).
     * {@code {active, N}} adds N to a current count as Erlang does: an N outside -32768..32767 or
     * a sum above 32767 is {@code einval} (badarg at listen/connect), signalled by
     * {@link ArithmeticException}; a sum at or below 0 makes the
     * socket passive, and the caller sends {@code Passive}.
     */
    public Settings with(Option option) {
        Mutable m = new Mutable(this);
        switch (option) {
            case Option.Active a -> m.active(a);
            case Option.Mode mode -> m.binary = mode.binary();
            case Option.Packet p -> m.packet = p.type();
            case Option.Deliver d -> m.deliverTerm = d.term();
            case Option.SendTimeout t -> m.sendTimeout = t.millis();
            case Option.Flag f -> {
                switch (f.name()) {
                    case DELAY_SEND -> m.delaySend = f.value();
                    case EXIT_ON_CLOSE -> m.exitOnClose = f.value();
                    case SHOW_ECONNRESET -> m.showEconnreset = f.value();
                    case SEND_TIMEOUT_CLOSE -> m.sendTimeoutClose = f.value();
                    default -> { }
                }
            }
            case Option.Int i -> {
                int v = i.value();
                switch (i.name()) {
                    case HEADER -> m.header = v;
                    case PACKET_SIZE -> m.packetSize = v;
                    case LINE_DELIMITER -> m.lineDelimiter = v;
                    case BUFFER -> {
                        m.buffer = v;
                        m.bufferSet = true;
                    }
                    // inet_drv keeps buffer >= recbuf (the value asked for) until buffer is set explicitly.
                    case RECBUF -> {
                        if (!m.bufferSet) {
                            m.buffer = Math.max(m.buffer, v);
                        }
                    }
                    // Erlang keeps low <= high: a new high below low lowers low, a new low above high raises high.
                    case HIGH_WATERMARK -> {
                        m.highWatermark = v;
                        m.lowWatermark = Math.min(m.lowWatermark, v);
                    }
                    case LOW_WATERMARK -> {
                        m.lowWatermark = v;
                        m.highWatermark = Math.max(m.highWatermark, v);
                    }
                    case HIGH_MSGQ_WATERMARK -> {
                        m.highMsgqWatermark = v;
                        m.lowMsgqWatermark = Math.min(m.lowMsgqWatermark, v);
                    }
                    case LOW_MSGQ_WATERMARK -> {
                        m.lowMsgqWatermark = v;
                        m.highMsgqWatermark = Math.max(m.highMsgqWatermark, v);
                    }
                    default -> { }
                }
            }
            case Option.Linger l -> { }
            case Option.Ip ip -> { }
            case Option.Family f -> { }
            case Option.InetBackend b -> { }
        }
        return m.freeze();
    }

    /** After delivering one message in once/N mode: the count used up by one (passive at zero). */
    public Settings afterDelivery() {
        if (active != ActiveMode.ONCE && active != ActiveMode.N) {
            return this;
        }
        Mutable m = new Mutable(this);
        m.activeCount = active == ActiveMode.N ? activeCount - 1 : 0;
        if (m.activeCount <= 0) {
            m.active = ActiveMode.FALSE;
            m.activeCount = 0;
        }
        return m.freeze();
    }

    /** A scratch copy, so each change names only the fields it touches. Never escapes this file. */
    private static final class Mutable {
        ActiveMode active;
        int activeCount;
        boolean binary;
        int header;
        PacketType packet;
        int packetSize;
        int lineDelimiter;
        boolean deliverTerm;
        int buffer;
        boolean bufferSet;
        boolean delaySend;
        boolean exitOnClose;
        boolean showEconnreset;
        long sendTimeout;
        boolean sendTimeoutClose;
        int highWatermark;
        int lowWatermark;
        int highMsgqWatermark;
        int lowMsgqWatermark;

        Mutable(Settings s) {
            active = s.active;
            activeCount = s.activeCount;
            binary = s.binary;
            header = s.header;
            packet = s.packet;
            packetSize = s.packetSize;
            lineDelimiter = s.lineDelimiter;
            deliverTerm = s.deliverTerm;
            buffer = s.buffer;
            bufferSet = s.bufferSet;
            delaySend = s.delaySend;
            exitOnClose = s.exitOnClose;
            showEconnreset = s.showEconnreset;
            sendTimeout = s.sendTimeout;
            sendTimeoutClose = s.sendTimeoutClose;
            highWatermark = s.highWatermark;
            lowWatermark = s.lowWatermark;
            highMsgqWatermark = s.highMsgqWatermark;
            lowMsgqWatermark = s.lowMsgqWatermark;
        }

        void active(Option.Active a) {
            if (a.mode() != ActiveMode.N) {
                active = a.mode();
                activeCount = 0;
                return;
            }
            if (a.count() < -32768 || a.count() > 32767) {
                throw new ArithmeticException("{active," + a.count() + "}: N must be in -32768..32767");
            }
            int current = active == ActiveMode.N ? activeCount : 0;
            int sum = current + a.count();
            if (sum > 32767) {
                throw new ArithmeticException("{active," + a.count() + "} on a count of " + current
                        + " exceeds 32767");
            }
            active = sum <= 0 ? ActiveMode.FALSE : ActiveMode.N;
            activeCount = Math.max(sum, 0);
        }

        Settings freeze() {
            return new Settings(active, activeCount, binary, header, packet, packetSize, lineDelimiter,
                    deliverTerm, buffer, bufferSet, delaySend, exitOnClose, showEconnreset, sendTimeout, sendTimeoutClose,
                    highWatermark, lowWatermark, highMsgqWatermark, lowMsgqWatermark);
        }
    }
}
