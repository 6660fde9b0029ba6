package dev.otpnet.examples.demo;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.reuseaddr;
import static dev.otpnet.ssl.SslOptions.certfile;
import static dev.otpnet.ssl.SslOptions.keyfile;

import dev.otpnet.otp.Application;
import dev.otpnet.process.Pid;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslListenSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * The walk-through's {@code DemoApp}: opens the SSL listen socket, starts the
 * {@link ConnectionHandlerFactory} with it and asks for the first {@link ConnectionHandler}.
 *
 * <pre>{@code
 * defmodule DemoApp do
 *   use Application
 *   def start(_type, _args) do
 *     {:ok, l} = :ssl.listen(7000, [certfile: "certificate.pem", keyfile: "key.pem",
 *                                   reuseaddr: :true, active: :true, packet: 4])
 *     {:ok, pid} = ConnectionHandlerFactory.start_link(l)
 *     {:ok, _} = ConnectionHandlerFactory.start_child()
 *     {:ok, pid}
 *   end
 * end
 * }</pre>
 *
 * <p>{@link #main} is {@code mix run --no-halt}: {@link Application#run} starts it, and Ctrl-C
 * stops the supervisor, which kills its handlers ({@code brutal_kill}), and ends the program. The
 * listen socket belongs to the application's master process and closes with it. One departure:
 * it listens on 127.0.0.1 only.
 */
public final class DemoApp {

    private DemoApp() {}

    public static Pid start(int port, Path certificate, Path key) throws Exception {
        return start(listen(port, certificate, key));
    }

    /** {@code :ssl.listen(port, [certfile: ..., keyfile: ..., reuseaddr: true, active: true, packet: 4])}; port 0 picks one. */
    public static SslListenSocket listen(int port, Path certificate, Path key) throws Exception {
        return Ssl.listen(port, List.of(certfile(certificate), keyfile(key), reuseaddr(true), active(true), packet(4), ip("127.0.0.1")));
    }

    /** The rest of {@code start/2}, given the listen socket. */
    public static Pid start(SslListenSocket l) throws Exception {
        Pid pid = ConnectionHandlerFactory.startLink(l);
        ConnectionHandlerFactory.startChild();
        return pid;
    }

    /** {@code DemoApp [port [certificate.pem key.pem]]}: port 7000 and the walk-through's file names by default. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7000;
        Path certificate = Path.of(args.length > 2 ? args[1] : "certificate.pem");
        Path key = Path.of(args.length > 2 ? args[2] : "key.pem");
        System.out.println("DemoApp on 127.0.0.1:" + port);
        Application.run("DemoApp", () -> start(port, certificate, key));
    }
}
