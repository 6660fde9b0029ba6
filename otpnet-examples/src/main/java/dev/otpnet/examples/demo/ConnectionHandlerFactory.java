package dev.otpnet.examples.demo;

import dev.otpnet.otp.ChildSpec;
import dev.otpnet.otp.Name;
import dev.otpnet.otp.OtpException;
import dev.otpnet.otp.Restart;
import dev.otpnet.otp.Shutdown;
import dev.otpnet.otp.Strategy;
import dev.otpnet.otp.SupFlags;
import dev.otpnet.otp.Supervisor;
import dev.otpnet.process.Pid;
import dev.otpnet.ssl.SslListenSocket;
import java.time.Duration;
import java.util.List;

/**
 * The walk-through's {@code ConnectionHandlerFactory}: a {@code simple_one_for_one} supervisor,
 * registered under its name so that handlers can ask it for the next handler, whose children are
 * temporary {@link ConnectionHandler}s.
 *
 * <pre>{@code
 * defmodule ConnectionHandlerFactory do
 *   use Supervisor
 *   def start_link(socket) do
 *     Supervisor.start_link(__MODULE__, socket, name: __MODULE__)
 *   end
 *   def init(socket) do
 *     flags = %{:strategy => :simple_one_for_one, :intensity => 1, :period => 5}
 *     specs = [%{
 *       :id => :connectionHandlerFactory,
 *       start: {ConnectionHandler, :start_link, [socket]},
 *       restart: :temporary,
 *       shutdown: :brutal_kill,
 *       type: :worker,
 *       modules: [ConnectionHandler]
 *     }]
 *     {:ok, {flags, specs}}
 *   end
 *   def start_child() do
 *     Supervisor.start_child(__MODULE__, [])
 *   end
 * end
 * }</pre>
 */
public final class ConnectionHandlerFactory {

    /** {@code name: __MODULE__}. */
    public static final String NAME = "ConnectionHandlerFactory";

    private ConnectionHandlerFactory() {}

    public static Pid startLink(SslListenSocket socket) throws OtpException {
        SupFlags flags = SupFlags.of(Strategy.SIMPLE_ONE_FOR_ONE).withIntensity(1).withPeriod(Duration.ofSeconds(5));
        List<ChildSpec> specs = List.of(ChildSpec.worker("connectionHandlerFactory", extra -> ConnectionHandler.startLink(socket))
                .withRestart(Restart.TEMPORARY)
                .withShutdown(Shutdown.BRUTAL_KILL));
        return Supervisor.startLink(Name.local(NAME), flags, specs);
    }

    public static Pid startChild() throws OtpException {
        return Supervisor.startChild(NAME, List.of());
    }
}
