package dev.otpnet.examples;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.sendTimeout;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Option;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The gen_tcp manual's forwarding client that detects an unresponsive server through
 * {@code send_timeout}:
 *
 * <pre>
 * {ok,Sock} = gen_tcp:connect(HostAddress, Port,
 *                             [{active,false}, {send_timeout, 5000}, {packet,2}]),
 * loop(Sock) ->
 *     receive
 *         {Client, send_data, Binary} ->
 *             case gen_tcp:send(Sock,[Binary]) of
 *                 {error, timeout} ->
 *                     io:format("Send timeout, closing!~n", []),
 *                     handle_send_timeout(), % Not implemented here
 *                     Client ! {self(),{error_sending, timeout}},
 *                     gen_tcp:close(Sock);
 *                 {error, OtherSendError} ->
 *                     io:format("Some other error on socket (~p), closing", [OtherSendError]),
 *                     Client ! {self(),{error_sending, OtherSendError}},
 *                     gen_tcp:close(Sock);
 *                 ok ->
 *                     Client ! {self(), data_sent},
 *                     loop(Sock)
 *             end
 *     end.
 * </pre>
 */
public final class SendTimeoutClient {
    /** {@code {Client, send_data, Binary}}. */
    public record SendData(Pid client, Bytes binary) {
    }

    /** {@code {self(), data_sent}}. */
    public record DataSent(Pid from) {
    }

    /** {@code {self(), {error_sending, Reason}}}. */
    public record ErrorSending(Pid from, Object reason) {
    }

    private SendTimeoutClient() {
    }

    /** Connects and starts the forwarding loop in a new process, which owns the socket. */
    public static Pid start(String host, int port, long sendTimeoutMillis, List<? extends Option> extra) {
        return Proc.spawn(() -> {
            List<Option> options = new ArrayList<>(List.of(active(false), sendTimeout(sendTimeoutMillis), packet(2)));
            options.addAll(extra);
            try {
                loop(GenTcp.connect(host, port, options));
            } catch (InetException e) {
                throw new IllegalStateException("connect failed: " + e.getMessage(), e);
            }
        });
    }

    private static void loop(TcpSocket sock) {
        while (true) {
            SendData request = Proc.receive(SendData.class);
            try {
                GenTcp.send(sock, request.binary());
                request.client().send(new DataSent(Proc.self()));
            } catch (InetException e) {
                if (e.reason() == InetError.TIMEOUT) {
                    System.out.println("Send timeout, closing!");
                } else {
                    System.out.println("Some other error on socket (" + e.reason() + "), closing");
                }
                request.client().send(new ErrorSending(Proc.self(), e.reason()));
                GenTcp.close(sock);
                return;
            }
        }
    }
}
