package dev.otpnet.internal.socket;

import dev.otpnet.internal.time.Deadline;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.socket.Nowait;
import dev.otpnet.socket.Received;
import dev.otpnet.socket.SockAddr;
import dev.otpnet.socket.Type;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * {@code recv}, {@code recvfrom}, {@code send} and {@code sendto}, blocking or {@code nowait}.
 *
 * <p>On a stream, {@code recv(S, 0)} returns what is there (waiting for some), at most
 * {@code {otp, rcvbuf}} bytes; {@code recv(S, N)} returns exactly N bytes, and if the time-out or the
 * end of the stream comes first the bytes read so far come back in the error, as Erlang's
 * {@code {error, {timeout, Data}}} and {@code {error, {closed, Data}}}, so nothing read is lost. On a
 * dgram socket each call returns one datagram, cut to N bytes (or to {@code {otp, rcvbuf}} for 0).
 */
public final class Io {
    private Io() {
    }

    /** A read in progress: the bytes so far and one non-blocking step. */
    private static final class Read {
        private final SocketCore s;
        private final ByteBuffer buf;
        private final boolean exact;
        private SockAddr source;

        Read(SocketCore s, int length) {
            if (length < 0) {
                throw new IllegalArgumentException("A length is 0 or more bytes, not " + length + ".");
            }
            this.s = s;
            this.exact = length > 0;
            this.buf = ByteBuffer.allocate(exact ? length : s.options.otpRcvbuf());
        }

        Received step() throws IOException {
            return switch (s.channel()) {
                case SocketChannel c -> stream(c);
                case DatagramChannel d -> datagram(d);
                default -> throw new InetException(Posix.ENOTCONN, "a listening socket does not receive", null);
            };
        }

        private Received stream(SocketChannel c) throws IOException {
            if (!c.isConnected()) {
                throw new InetException(Posix.ENOTCONN);
            }
            int n = c.read(buf);
            if (n > 0) {
                s.counters.packet("read", n);
            }
            if (n < 0) {
                throw buf.position() > 0 ? new InetException(new Reason.Tagged("closed", soFar()))
                        : new InetException(InetError.CLOSED);
            }
            if (buf.position() == 0 || (exact && buf.hasRemaining())) {
                return null;
            }
            return new Received(Addresses.fromJdk(s.domain, c.getRemoteAddress()), soFar());
        }

        private Received datagram(DatagramChannel d) throws IOException {
            SocketAddress from = d.receive(buf);
            if (from == null) {
                return null;
            }
            s.counters.packet("read", buf.position());
            return new Received(Addresses.fromJdk(s.domain, from), soFar());
        }

        Bytes soFar() {
            return Bytes.copyOf(buf.array(), 0, buf.position());
        }

        /** Empties what was read so far (a nowait call hands it to the caller). */
        Bytes take() {
            Bytes b = soFar();
            buf.clear();
            return b;
        }
    }

    /** {@code socket:recvfrom(Socket, Length, Timeout)}. */
    public static Received recvfrom(SocketCore s, int length, long timeoutMillis) throws InetException {
        Read r = new Read(s, length);
        Deadline deadline = Calls.deadline(timeoutMillis);
        try {
            return Calls.await(s, SelectionKey.OP_READ, "recv", "read", deadline, r::step);
        } catch (InetException e) {
            if (e.reason() == InetError.TIMEOUT && r.buf.position() > 0 && s.type == Type.STREAM) {
                throw new InetException(new Reason.Tagged("timeout", r.soFar()));
            }
            throw e;
        }
    }

    /** {@code socket:recv(Socket, Length, nowait)}: as {@link #recvfromNowait}, without the source. */
    public static Nowait<Bytes> recvNowait(SocketCore s, int length) throws InetException {
        return switch (recvfromNowait(s, length, "recv")) {
            case Nowait.Ok<Received>(Received r) -> new Nowait.Ok<>(r.data());
            case Nowait.Selected<Received>(var info, var bytes) -> new Nowait.Selected<>(info, bytes);
        };
    }

    /** {@code socket:recvfrom(Socket, Length, nowait)}: bytes read so far come back in the select result. */
    public static Nowait<Received> recvfromNowait(SocketCore s, int length, String tag) throws InetException {
        Read r = new Read(s, length);
        return Calls.nowait(s, SelectionKey.OP_READ, tag, "read", r::step, r::take);
    }

    /** {@code socket:send(Socket, Data, Timeout)}: {@code {timeout, RestData}} if the time-out comes first. */
    public static void send(SocketCore s, Bytes data, long timeoutMillis) throws InetException {
        ByteBuffer buf = data.asByteBuffer();
        Deadline deadline = Calls.deadline(timeoutMillis);
        try {
            Calls.await(s, SelectionKey.OP_WRITE, "send", "write", deadline, () -> write(s, buf, null));
        } catch (InetException e) {
            if (e.reason() == InetError.TIMEOUT && buf.position() > 0) {
                throw new InetException(new Reason.Tagged("timeout", Bytes.copyOf(buf)));
            }
            throw e;
        }
    }

    /** {@code socket:sendto(Socket, Data, Dest, Timeout)}. */
    public static void sendto(SocketCore s, Bytes data, SockAddr dest, long timeoutMillis) throws InetException {
        SocketAddress to = Addresses.toJdk(s.domain, dest);
        ByteBuffer buf = data.asByteBuffer();
        Calls.await(s, SelectionKey.OP_WRITE, "sendto", "write", Calls.deadline(timeoutMillis),
                () -> write(s, buf, to));
    }

    /** {@code socket:send(Socket, Data, nowait)} or {@code sendto(..., nowait)} ({@code dest} non-null). */
    public static Nowait<Boolean> sendNowait(SocketCore s, Bytes data, SockAddr dest) throws InetException {
        SocketAddress to = dest == null ? null : Addresses.toJdk(s.domain, dest);
        ByteBuffer buf = data.asByteBuffer();
        return Calls.nowait(s, SelectionKey.OP_WRITE, dest == null ? "send" : "sendto", "write",
                () -> write(s, buf, to), () -> Bytes.copyOf(buf.duplicate()));
    }

    private static Boolean write(SocketCore s, ByteBuffer buf, SocketAddress to) throws IOException {
        SelectableChannel ch = s.channel();
        switch (ch) {
            case SocketChannel c -> {
                if (!c.isConnected()) {
                    throw new InetException(Posix.EPIPE, "the stream socket is not connected", null);
                }
                int n = c.write(buf);
                if (n > 0) {
                    s.counters.packet("write", n);
                }
                return buf.hasRemaining() ? null : Boolean.TRUE;
            }
            case DatagramChannel d -> {
                int n;
                if (to != null) {
                    n = d.send(buf, to);
                } else if (d.isConnected()) {
                    n = d.write(buf);
                } else {
                    throw new InetException(Posix.EDESTADDRREQ, "the dgram socket is not connected; use sendto", null);
                }
                if (n == 0 && buf.hasRemaining()) {
                    return null;
                }
                s.counters.packet("write", n);
                return Boolean.TRUE;
            }
            default -> throw new InetException(Posix.ENOTCONN, "a listening socket does not send", null);
        }
    }

    /** {@code socket:shutdown(Socket, How)}. */
    public static void shutdown(SocketCore s, dev.otpnet.inet.ShutdownHow how) throws InetException {
        if (!(s.channel() instanceof SocketChannel c)) {
            throw s.type == Type.DGRAM
                    ? Errors.enotsup("the JDK's DatagramChannel has no shutdown")
                    : new InetException(Posix.ENOTCONN, "a listening socket is not connected", null);
        }
        try {
            switch (how) {
                case READ -> c.shutdownInput();
                case WRITE -> c.shutdownOutput();
                case READ_WRITE -> {
                    c.shutdownInput();
                    c.shutdownOutput();
                }
            }
        } catch (IOException | IllegalStateException e) {
            throw Errors.of(e);
        }
    }

    /** {@code socket:sockname(Socket)}. */
    public static SockAddr sockname(SocketCore s) throws InetException {
        try {
            SocketAddress a = ((java.nio.channels.NetworkChannel) s.channel()).getLocalAddress();
            SockAddr r = Addresses.fromJdk(s.domain, a);
            if (r == null) {
                throw new InetException(Posix.EINVAL, "the local socket is not bound", null);
            }
            return r;
        } catch (IOException e) {
            throw Errors.of(e);
        }
    }

    /** {@code socket:peername(Socket)}. */
    public static SockAddr peername(SocketCore s) throws InetException {
        try {
            SocketAddress a = switch (s.channel()) {
                case SocketChannel c -> c.getRemoteAddress();
                case DatagramChannel d -> d.getRemoteAddress();
                default -> null;
            };
            SockAddr r = a == null ? null : Addresses.fromJdk(s.domain, a);
            if (r == null) {
                throw new InetException(Posix.ENOTCONN);
            }
            return r;
        } catch (IOException e) {
            throw Errors.of(e);
        }
    }
}
