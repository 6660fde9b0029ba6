package dev.otpnet.socket;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.ShutdownHow;
import dev.otpnet.internal.socket.Control;
import dev.otpnet.internal.socket.Io;
import dev.otpnet.internal.socket.OptionTable;
import dev.otpnet.internal.socket.Reports;
import dev.otpnet.internal.socket.SendFile;
import dev.otpnet.internal.socket.Setup;
import dev.otpnet.internal.socket.SocketAccess;
import dev.otpnet.internal.socket.SocketCore;
import dev.otpnet.internal.socket.Support;
import dev.otpnet.internal.time.Deadline;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Ref;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Erlang's {@code socket} module: plain sockets with the kernel's calls, stream and dgram, over TCP,
 * UDP and Unix domain ({@code local}) sockets, with Erlang's names, messages and errors.
 *
 * <pre>{@code
 * Socket l = Sockets.open(Domain.INET, Type.STREAM, Protocol.TCP);
 * Sockets.bind(l, SockAddr.In.loopback(0));               // port 0 picks one
 * Sockets.listen(l);
 * SockAddr where = Sockets.sockname(l);
 *
 * Socket c = Sockets.open(Domain.INET, Type.STREAM, Protocol.TCP);
 * Sockets.connect(c, where);
 * Socket a = Sockets.accept(l);
 * Sockets.send(c, Bytes.latin1("hello"));
 * Bytes got = Sockets.recv(a, 5);                          // exactly 5 bytes
 * }</pre>
 *
 * <h2>The model</h2>
 *
 * <p>Unlike {@code gen_tcp} there is no active mode, no framing and no message per packet: every
 * byte is read by a call. Calls block the calling thread (a process is a virtual thread, so that is
 * cheap) until done or their time-out in milliseconds ({@link #INFINITY} by default).
 *
 * <p>The {@code nowait} calls ({@link #acceptNowait}, {@link #connectNowait}, {@link #recvNowait},
 * {@link #recvfromNowait}, {@link #sendNowait}, {@link #sendtoNowait}) never block: they return
 * {@link Nowait.Ok} with the result, or {@link Nowait.Selected} with a {@link SelectInfo}; when the
 * socket is ready the calling process receives {@link Select}{@code (socket, handle)} and repeats the
 * call. {@link #cancel} withdraws a pending one, after which no message comes. One selector thread
 * watches every socket, so a thousand pending calls cost a thousand small objects, not threads.
 *
 * <p>A socket belongs to the process that opened or accepted it and is closed when that process
 * exits. {@link #monitor} sends a {@link Down} when it closes.
 *
 * <h2>Errors</h2>
 *
 * <p>Failures are {@link InetException}s whose {@code reason()} is Erlang's atom: {@code closed},
 * {@code timeout}, {@code econnrefused}, {@code eaddrinuse}, {@code einval}, {@code enotconn},
 * {@code emsgsize}, {@code eafnosupport}, {@code enotsup} (with the reason the JDK cannot)... A call
 * that read or sent part of its data before a time-out or the peer's close fails with
 * {@code {timeout, Data}} or {@code {closed, Data}} ({@code Reason.Tagged}), as Erlang's does, so no
 * data is lost. Bad arguments are {@link IllegalArgumentException}s at once.
 */
public final class Sockets {
    /** The time-out that never expires: Erlang's {@code infinity}. */
    public static final long INFINITY = Deadline.INFINITY;
    /** {@code listen/1}'s backlog, as Erlang's. */
    public static final int DEFAULT_BACKLOG = 5;

    private Sockets() {
    }

    private static SocketCore core(Socket s) {
        return SocketAccess.core(s);
    }

    // ---- open, bind, listen, accept, connect

    /** {@code socket:open(Domain, Type, Protocol)}; local dgram sockets are {@code enotsup} (the JDK has none). */
    public static Socket open(Domain domain, Type type, Protocol protocol) throws InetException {
        return Setup.open(domain, type, protocol).socket();
    }

    /** {@code socket:open(Domain, Type)}: the type's default protocol. */
    public static Socket open(Domain domain, Type type) throws InetException {
        return open(domain, type, Protocol.DEFAULT);
    }

    /** {@code socket:bind(Socket, Addr)}; port 0 picks a free port ({@link #sockname} tells which). */
    public static void bind(Socket s, SockAddr address) throws InetException {
        core(s).trace("bind", address);
        Setup.bind(core(s), address);
    }

    /** {@code socket:bind(Socket, any)}: every interface, a port the kernel picks. */
    public static void bindAny(Socket s) throws InetException {
        bind(s, Setup.wildcard(core(s), false));
    }

    /** {@code socket:bind(Socket, loopback)}: the loopback address, a port the kernel picks. */
    public static void bindLoopback(Socket s) throws InetException {
        bind(s, Setup.wildcard(core(s), true));
    }

    /** {@code socket:listen(Socket)}: backlog {@value #DEFAULT_BACKLOG}. Unbound, it listens on any port. */
    public static void listen(Socket s) throws InetException {
        listen(s, DEFAULT_BACKLOG);
    }

    /** {@code socket:listen(Socket, Backlog)}. */
    public static void listen(Socket s, int backlog) throws InetException {
        core(s).trace("listen", backlog);
        Setup.listen(core(s), backlog);
    }

    /** {@code socket:accept(Socket)}: waits for a connection; the caller owns the new socket. */
    public static Socket accept(Socket s) throws InetException {
        return accept(s, INFINITY);
    }

    /** {@code socket:accept(Socket, Timeout)}. */
    public static Socket accept(Socket s, long timeoutMillis) throws InetException {
        core(s).trace("accept", timeoutMillis);
        return Setup.accept(core(s), timeoutMillis).socket();
    }

    /** {@code socket:accept(Socket, nowait)}. */
    public static Nowait<Socket> acceptNowait(Socket s) throws InetException {
        core(s).trace("accept", "nowait");
        return Setup.acceptNowait(core(s));
    }

    /** {@code socket:connect(Socket, Addr)}. */
    public static void connect(Socket s, SockAddr address) throws InetException {
        connect(s, address, INFINITY);
    }

    /** {@code socket:connect(Socket, Addr, Timeout)}. */
    public static void connect(Socket s, SockAddr address, long timeoutMillis) throws InetException {
        core(s).trace("connect", address);
        Setup.connect(core(s), address, timeoutMillis);
    }

    /** {@code socket:connect(Socket, Addr, nowait)}: after its {@link Select}, finish with {@link #connect(Socket)}. */
    public static Nowait<Boolean> connectNowait(Socket s, SockAddr address) throws InetException {
        core(s).trace("connect", address + " nowait");
        return Setup.connectNowait(core(s), address);
    }

    /** {@code socket:connect(Socket)}: completes a {@code nowait} connect (its error, such as {@code econnrefused}). */
    public static void connect(Socket s) throws InetException {
        core(s).trace("connect", "");
        Setup.finishConnect(core(s));
    }

    // ---- data

    /** {@code socket:send(Socket, Data)}: returns when all of it is written to the kernel. */
    public static void send(Socket s, Bytes data) throws InetException {
        send(s, data, INFINITY);
    }

    public static void send(Socket s, byte[] data) throws InetException {
        send(s, Bytes.wrap(data.clone()), INFINITY);
    }

    /** {@code socket:send(Socket, Data, Timeout)}: {@code {timeout, RestData}} if only part went. */
    public static void send(Socket s, Bytes data, long timeoutMillis) throws InetException {
        core(s).trace("send", data.size());
        Io.send(core(s), Objects.requireNonNull(data, "data"), timeoutMillis);
    }

    /** {@code socket:send(Socket, Data, nowait)}: {@code Selected.bytes()} is what is not yet sent. */
    public static Nowait<Boolean> sendNowait(Socket s, Bytes data) throws InetException {
        core(s).trace("send", "nowait");
        return Io.sendNowait(core(s), Objects.requireNonNull(data, "data"), null);
    }

    /** {@code socket:sendto(Socket, Data, Dest)}: one datagram ({@code emsgsize} if too big for one). */
    public static void sendto(Socket s, Bytes data, SockAddr dest) throws InetException {
        sendto(s, data, dest, INFINITY);
    }

    /** {@code socket:sendto(Socket, Data, Dest, Timeout)}. */
    public static void sendto(Socket s, Bytes data, SockAddr dest, long timeoutMillis) throws InetException {
        core(s).trace("sendto", dest);
        Io.sendto(core(s), Objects.requireNonNull(data, "data"), dest, timeoutMillis);
    }

    /** {@code socket:sendto(Socket, Data, Dest, nowait)}. */
    public static Nowait<Boolean> sendtoNowait(Socket s, Bytes data, SockAddr dest) throws InetException {
        core(s).trace("sendto", dest + " nowait");
        return Io.sendNowait(core(s), Objects.requireNonNull(data, "data"), Objects.requireNonNull(dest, "dest"));
    }

    /** {@code socket:recv(Socket)}: what is there, waiting for some; one datagram on a dgram socket. */
    public static Bytes recv(Socket s) throws InetException {
        return recv(s, 0, INFINITY);
    }

    /** {@code socket:recv(Socket, Length)}. */
    public static Bytes recv(Socket s, int length) throws InetException {
        return recv(s, length, INFINITY);
    }

    /**
     * {@code socket:recv(Socket, Length, Timeout)}: on a stream, Length 0 returns what is there (at most
     * {@code {otp, rcvbuf}} bytes), waiting for some; Length N returns exactly N bytes, or fails with
     * {@code {timeout, Data}} / {@code {closed, Data}} holding what came. On a dgram socket, one
     * datagram cut to Length (to {@code {otp, rcvbuf}} for 0).
     */
    public static Bytes recv(Socket s, int length, long timeoutMillis) throws InetException {
        core(s).trace("recv", length);
        return Io.recvfrom(core(s), length, timeoutMillis).data();
    }

    /** {@code socket:recv(Socket, Length, nowait)}: {@code Selected.bytes()} holds what a length-N read got so far. */
    public static Nowait<Bytes> recvNowait(Socket s, int length) throws InetException {
        core(s).trace("recv", length + " nowait");
        return Io.recvNowait(core(s), length);
    }

    /** {@code socket:recvfrom(Socket)}. */
    public static Received recvfrom(Socket s) throws InetException {
        return recvfrom(s, 0, INFINITY);
    }

    /** {@code socket:recvfrom(Socket, Length)}. */
    public static Received recvfrom(Socket s, int length) throws InetException {
        return recvfrom(s, length, INFINITY);
    }

    /** {@code socket:recvfrom(Socket, Length, Timeout)}: as {@link #recv(Socket, int, long)}, with the source. */
    public static Received recvfrom(Socket s, int length, long timeoutMillis) throws InetException {
        core(s).trace("recvfrom", length);
        return Io.recvfrom(core(s), length, timeoutMillis);
    }

    /** {@code socket:recvfrom(Socket, Length, nowait)}. */
    public static Nowait<Received> recvfromNowait(Socket s, int length) throws InetException {
        core(s).trace("recvfrom", length + " nowait");
        return Io.recvfromNowait(core(s), length, "recvfrom");
    }

    /**
     * {@code socket:sendfile(Socket, File, Offset, Count, infinity)}: {@code count} bytes (0: to the end)
     * of {@code file} from {@code offset}, zero-copy through {@link FileChannel#transferTo}. Returns the
     * bytes sent.
     */
    public static long sendfile(Socket s, FileChannel file, long offset, long count) throws InetException {
        return sendfile(s, file, offset, count, INFINITY);
    }

    /** {@code socket:sendfile(Socket, File, Offset, Count, Timeout)}: {@code {timeout, BytesSent}} on time-out. */
    public static long sendfile(Socket s, FileChannel file, long offset, long count, long timeoutMillis)
            throws InetException {
        core(s).trace("sendfile", count);
        return SendFile.sendfile(core(s), Objects.requireNonNull(file, "file"), offset, count, timeoutMillis);
    }

    /** {@code socket:shutdown(Socket, How)}. */
    public static void shutdown(Socket s, ShutdownHow how) throws InetException {
        core(s).trace("shutdown", how);
        Io.shutdown(core(s), Objects.requireNonNull(how, "how"));
    }

    /** {@code socket:close(Socket)}: {@code closed} if it already was. Pending calls fail with {@code closed}. */
    public static void close(Socket s) throws InetException {
        core(s).trace("close", "");
        Control.close(core(s));
    }

    /** {@code socket:sockname(Socket)}: an unbound inet socket is {@code any}, port 0, as in Erlang. */
    public static SockAddr sockname(Socket s) throws InetException {
        return Io.sockname(core(s));
    }

    /** {@code socket:peername(Socket)}: {@code enotconn} if not connected. */
    public static SockAddr peername(Socket s) throws InetException {
        return Io.peername(core(s));
    }

    // ---- options

    /** {@code socket:getopt(Socket, {Level, Opt})}. */
    public static <T> T getopt(Socket s, SockOpt<T> opt) throws InetException {
        return OptionTable.get(core(s), opt);
    }

    /** {@code socket:setopt(Socket, {Level, Opt}, Value)}: {@code enotsup}, with why, for what the JDK cannot set. */
    public static <T> void setopt(Socket s, SockOpt<T> opt, T value) throws InetException {
        core(s).trace("setopt", opt + " " + value);
        OptionTable.set(core(s), opt, value);
    }

    /** {@code socket:getopt(Socket, Level, Opt)}: the option named at run time ({@link SockOpt#of}). */
    public static Object getopt(Socket s, SockOpt.Level level, String name) throws InetException {
        return getopt(s, SockOpt.of(level, name));
    }

    /**
     * {@code socket:setopt(Socket, Level, Opt, Value)}: the option named at run time; a value of the
     * wrong type is an {@link IllegalArgumentException}.
     */
    @SuppressWarnings("unchecked")
    public static void setopt(Socket s, SockOpt.Level level, String name, Object value) throws InetException {
        setopt(s, (SockOpt<Object>) SockOpt.of(level, name), value);
    }

    // ---- nowait, monitors

    /** {@code socket:cancel(Socket, SelectInfo)}: {@code {invalid, SelectInfo}} if it is no longer pending. */
    public static void cancel(Socket s, SelectInfo info) throws InetException {
        Control.cancel(core(s), Objects.requireNonNull(info, "info"));
    }

    /** {@code socket:monitor(Socket)}: the caller gets a {@link Down} when the socket closes. */
    public static Ref monitor(Socket s) {
        return Control.monitor(core(s));
    }

    /** {@code socket:cancel_monitor(Ref)}: true if it was an active socket monitor. */
    public static boolean cancelMonitor(Ref ref) {
        return Control.cancelMonitor(Objects.requireNonNull(ref, "ref"));
    }

    /** {@code socket:number_of_monitors()}: every active socket monitor. */
    public static int numberOfMonitors() {
        return Control.numberOfMonitors();
    }

    /** {@code socket:number_of_monitors(Pid)}: the socket monitors {@code pid} holds. */
    public static int numberOfMonitors(Pid pid) {
        return Control.whichMonitors(Objects.requireNonNull(pid, "pid")).size();
    }

    /** {@code socket:monitored_by(Socket)}: the processes that monitor the socket. */
    public static List<Pid> monitoredBy(Socket s) {
        return Control.monitoredBy(core(s));
    }

    /** {@code socket:which_monitors(Socket)}: the references of the socket's monitors. */
    public static List<Ref> whichMonitors(Socket s) {
        return Control.whichMonitors(core(s));
    }

    /** {@code socket:which_monitors(Pid)}: the references of the socket monitors {@code pid} holds. */
    public static List<Ref> whichMonitors(Pid pid) {
        return Control.whichMonitors(Objects.requireNonNull(pid, "pid"));
    }

    // ---- what is there

    /** {@code socket:which_socket_kind(Socket)}: always {@code plain} (no gen_tcp compatibility sockets here). */
    public static String whichSocketKind(Socket s) {
        core(s);
        return "plain";
    }

    /** {@code socket:to_list(Socket)}: {@code "#Socket<0.0.0.7>"}, the socket's reference as Erlang prints it. */
    public static String toList(Socket s) {
        return "#Socket" + core(s).ref().toString().substring("#Ref".length());
    }

    /** {@code socket:info(Socket)}. */
    public static SocketInfo info(Socket s) {
        return Reports.info(core(s));
    }

    /** {@code socket:info()}: counts over the open sockets ({@code num_sockets}, {@code num_tstreams}...). */
    public static Map<String, Long> info() {
        return Reports.info();
    }

    /** {@code socket:i()}: prints the open sockets as a table. */
    public static void i() {
        i(System.out);
    }

    public static void i(PrintStream out) {
        Reports.i(out);
    }

    /** {@code socket:number_of()}. */
    public static int numberOf() {
        return Reports.numberOf();
    }

    /** {@code socket:which_sockets()}. */
    public static List<Socket> whichSockets() {
        return Reports.whichSockets(c -> true);
    }

    /** {@code socket:which_sockets(Domain)}. */
    public static List<Socket> whichSockets(Domain domain) {
        return whichSockets(s -> info(s).domain() == domain);
    }

    /** {@code socket:which_sockets(Type)}. */
    public static List<Socket> whichSockets(Type type) {
        return whichSockets(s -> info(s).type() == type);
    }

    /** {@code socket:which_sockets(Protocol)}. */
    public static List<Socket> whichSockets(Protocol protocol) {
        return whichSockets(s -> info(s).protocol() == protocol);
    }

    /** {@code socket:which_sockets(Owner)}. */
    public static List<Socket> whichSockets(Pid owner) {
        return whichSockets(s -> info(s).owner().equals(owner));
    }

    /** {@code socket:which_sockets(Filter)}. */
    public static List<Socket> whichSockets(Predicate<Socket> filter) {
        return Reports.whichSockets(c -> filter.test(c.socket()));
    }

    /** {@code socket:supports()}: the features ({@code ipv6}, {@code local}, {@code sctp}, {@code netns}, {@code sendfile}). */
    public static Map<String, Boolean> supports() {
        return Support.get().features();
    }

    /** {@code socket:supports(options)}: every option and whether this platform and JDK can set it. */
    public static Map<SockOpt<?>, Boolean> supportedOptions() {
        return Support.get().options();
    }

    /** {@code socket:supports(options, Level)}: the options of one level and whether each can be set here. */
    public static Map<SockOpt<?>, Boolean> supportedOptions(SockOpt.Level level) {
        return Support.get().options(level);
    }

    /** {@code socket:is_supported(Key)}: an unknown feature name is false. */
    public static boolean isSupported(String feature) {
        return Support.get().features().getOrDefault(feature, false);
    }

    /** {@code socket:is_supported(options, Level, Opt)}. */
    public static boolean isSupported(SockOpt<?> option) {
        return Support.get().options().get(Objects.requireNonNull(option, "option"));
    }
}
