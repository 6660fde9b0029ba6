package dev.otpnet.etf;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.inet.Options;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.ShutdownHow;
import dev.otpnet.inet.Stats;
import dev.otpnet.internal.conn.Conn;
import dev.otpnet.internal.conn.PortIds;
import dev.otpnet.internal.conn.Settings;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.internal.wire.PipeWire;
import dev.otpnet.process.Pid;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * This Java program as an Erlang port: the other end of Erlang's
 * {@code open_port({spawn_executable, Java}, [{packet, 4}, binary, nouse_stdio])}, the way Erlang
 * and Elixir applications run code outside the VM. Erlang writes to the program's fd 3 and reads
 * its fd 4 ({@code nouse_stdio}; with {@code use_stdio}, stdin and stdout); this class owns the two
 * pipes as one socket, with everything an otpnet socket has: an owner process, active modes with
 * {@code Data}/{@code Closed} messages, {@code recv}, and {@code {packet, N}} framing.
 *
 * <pre>{@code
 * public static void main(String[] args) throws InetException {
 *     ErlangPort port = ErlangPort.open(List.of());     // {packet,4}, binary, {active,true}
 *     TermSocket terms = TermSocket.over(port);
 *     while (terms.receive() instanceof SocketMessage.Data(var s, Term request)) {
 *         terms.send(answer(request));                  // Erlang gets {Port, {data, Bin}}
 *     }                                                 // Closed: Erlang closed the port
 * }
 * }</pre>
 *
 * <p>The owner is the process that opened it (a plain thread is adopted). When Erlang closes the
 * port ({@code port_close/1}, or its owner exits), the input ends: the owner gets {@code Closed}
 * (or {@code recv} fails with {@code closed}), and the program should return from {@code main}.
 * Nothing here keeps the JVM alive. The options are gen_tcp's socket-layer ones ({@code active},
 * {@code packet}, {@code mode}, {@code packet_size}...); {@code binary} and {@code {packet, 4}} are
 * the defaults here because that is what {@code open_port} is given with them. Kernel options
 * ({@code nodelay}, {@code recbuf}...) are refused: pipes have none.
 *
 * <p>With {@code use_stdio} the program must not print to {@code System.out}: that is the pipe.
 */
public final class ErlangPort implements InetSocket {
    private final Conn conn;

    private ErlangPort(ReadableByteChannel in, WritableByteChannel out, Settings settings) {
        this.conn = new Conn(PortIds.next(), this, new PipeWire(in, out), null, settings, ProcessCore.current());
        conn.start();
    }

    /**
     * The port's pipes with {@code nouse_stdio}: reads fd 3, writes fd 4 (opened through
     * {@code /dev/fd}, so Linux and macOS).
     *
     * @throws InetException {@code ebadf} if the program was not started as such a port
     */
    public static ErlangPort open(List<? extends Option> options) throws InetException {
        Settings settings = settings(options);
        FileChannel in = fd(3, StandardOpenOption.READ);
        FileChannel out;
        try {
            out = fd(4, StandardOpenOption.WRITE);
        } catch (InetException e) {
            closeQuietly(in);
            throw e;
        }
        return new ErlangPort(in, out, settings);
    }

    /** The port's pipes with {@code use_stdio}: reads stdin, writes stdout. */
    public static ErlangPort openStdio(List<? extends Option> options) {
        return new ErlangPort(new FileInputStream(FileDescriptor.in).getChannel(),
                new FileOutputStream(FileDescriptor.out).getChannel(), settings(options));
    }

    /**
     * A port-like socket over any two blocking channels whose {@code close} wakes a blocked
     * read (NIO's {@code Pipe}, {@code FileChannel}s): for tests, and for programs handed their
     * pipes some other way.
     */
    public static ErlangPort over(ReadableByteChannel in, WritableByteChannel out, List<? extends Option> options) {
        return new ErlangPort(in, out, settings(options));
    }

    private static Settings settings(List<? extends Option> options) {
        List<Option> all = new ArrayList<>(List.of(Options.binary(), Options.packet(4), Options.active(ActiveMode.TRUE)));
        all.addAll(options);
        Settings s = Settings.DEFAULT;
        for (Option o : all) {
            switch (o.name()) {
                case BACKLOG, IP, PORT, FAMILY -> throw new IllegalArgumentException(o + " has no meaning for an Erlang port");
                default -> { }
            }
            if (o.name().support() == OptionName.Support.JDK) {
                throw new IllegalArgumentException(o + " is a kernel socket option; an Erlang port's pipes have none");
            }
            try {
                s = s.with(o);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(o + ": " + e.getMessage(), e);
            }
        }
        return s;
    }

    private static FileChannel fd(int fd, StandardOpenOption mode) throws InetException {
        Path p = Path.of("/dev/fd/" + fd);
        if (!Files.exists(p)) {
            throw new InetException(Posix.EBADF, "fd " + fd + " is not open: was this program started by open_port "
                    + "with nouse_stdio?", null);
        }
        try {
            return FileChannel.open(p, mode);
        } catch (IOException e) {
            throw new InetException(Posix.EBADF, "cannot open fd " + fd + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to report while failing already
        }
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
        conn.setopts(options);
    }

    @Override
    public List<Option> getopts(List<OptionName> names) throws InetException {
        return conn.getopts(names);
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

    /** Messages say {@code port}: {@code {port,#Port<0.7>,Data}}, {@code {port_closed,#Port<0.7>}}. */
    @Override
    public String transport() {
        return "port";
    }

    @Override
    public String toString() {
        return PortIds.format(conn.id());
    }
}
