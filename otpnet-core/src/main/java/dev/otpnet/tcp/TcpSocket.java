package dev.otpnet.tcp;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.ShutdownHow;
import dev.otpnet.inet.Stats;
import dev.otpnet.internal.conn.Conn;
import dev.otpnet.internal.conn.PortIds;
import dev.otpnet.internal.conn.Settings;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.internal.tcp.TcpSockets;
import dev.otpnet.internal.wire.TcpWire;
import dev.otpnet.internal.wire.Wire;
import dev.otpnet.process.Pid;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * A connected gen_tcp socket, as returned by {@link GenTcp#connect} and {@link GenTcp#accept}.
 * It prints as Erlang prints a port ({@code #Port<0.7>}) and is equal only to itself.
 *
 * <p>See {@link InetSocket} for the model (ownership, active modes, framing). Thread-safe.
 */
public final class TcpSocket implements InetSocket {
    private final Conn conn;

    static {
        TcpSockets.install(new TcpSockets.Bridge() {
            @Override
            public Conn conn(TcpSocket socket) {
                return socket.conn;
            }

            @Override
            public TcpSocket open(Wire wire, NetworkChannel kernel, Settings settings, ProcessCore owner) {
                return new TcpSocket(wire, kernel, settings, owner);
            }
        });
    }

    /** A gen_tcp socket over {@code channel}, read on readiness ({@link TcpWire#polled}). Closes the channel if it fails. */
    static TcpSocket open(SocketChannel channel, Settings settings, ProcessCore owner) throws InetException {
        TcpWire wire;
        try {
            wire = TcpWire.polled(channel);
        } catch (InetException e) {
            try {
                channel.close();
            } catch (java.io.IOException ignored) {
                // failing already
            }
            throw e;
        }
        return new TcpSocket(wire, channel, settings, owner);
    }

    private TcpSocket(Wire wire, NetworkChannel kernel, Settings settings, ProcessCore owner) {
        this.conn = new Conn(PortIds.next(), this, wire, kernel, settings, owner);
        conn.start();
    }

    @Override
    public void send(Bytes data) throws InetException {
        conn.send(data);
    }

    @Override
    public Object recv(int length, long timeoutMillis) throws InetException {
        return conn.recv(length, timeoutMillis);
    }

    @Override
    public void close() {
        conn.close();
    }

    @Override
    public boolean isOpen() {
        return conn.isOpen();
    }

    @Override
    public void shutdown(ShutdownHow how) throws InetException {
        conn.shutdown(how);
    }

    @Override
    public void controllingProcess(Pid pid) throws InetException {
        conn.controllingProcess(pid);
    }

    @Override
    public Pid owner() {
        return conn.owner();
    }

    @Override
    public void setopts(List<? extends Option> options) throws InetException {
        requireOpenForOptions();
        conn.setopts(options);
    }

    @Override
    public List<Option> getopts(List<OptionName> names) throws InetException {
        requireOpenForOptions();
        return conn.getopts(names);
    }

    /** gen_tcp answers setopts and getopts on a closed socket with einval (ssl says closed). */
    private void requireOpenForOptions() throws InetException {
        if (!conn.isOpen()) {
            throw new InetException(Posix.EINVAL, "the socket is closed", null);
        }
    }

    @Override
    public InetSocketAddress peername() throws InetException {
        return conn.peername();
    }

    @Override
    public InetSocketAddress sockname() throws InetException {
        return conn.sockname();
    }

    @Override
    public Stats getstat() throws InetException {
        return conn.getstat();
    }

    @Override
    public String transport() {
        return "tcp";
    }

    @Override
    public String toString() {
        return PortIds.format(conn.id());
    }
}
