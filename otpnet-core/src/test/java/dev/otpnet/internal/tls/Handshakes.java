package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Reason;
import dev.otpnet.ssl.SslOption;

import java.util.List;
import java.util.concurrent.Future;

/** Runs a client and a server TlsWire made from options against each other over loopback. */
final class Handshakes {
    private Handshakes() {
    }

    /** Both ends after their handshakes; a failed end has its exception instead of a wire. */
    record Result(TlsWire client, InetException clientError, TlsWire server, InetException serverError,
                  Loopback.Pair pair) implements AutoCloseable {
        boolean connected() {
            return clientError == null && serverError == null;
        }

        Reason clientReason() {
            return clientError == null ? null : clientError.reason();
        }

        Reason serverReason() {
            return serverError == null ? null : serverError.reason();
        }

        @Override
        public void close() {
            client.close();
            server.close();
            pair.close();
        }
    }

    static Result run(List<SslOption> clientOptions, String host, List<SslOption> serverOptions) throws Exception {
        return run(TlsConfig.client(clientOptions), host, TlsConfig.server(serverOptions));
    }

    static Result run(TlsConfig client, String host, TlsConfig server) throws Exception {
        Loopback.Pair pair = Loopback.pair();
        TlsWire s = TlsWire.server(pair.server(), server);
        Future<InetException> serverSide = Io.THREADS.submit(() -> {
            try {
                s.handshake(10_000);
                return null;
            } catch (InetException e) {
                return e;
            }
        });
        TlsWire c = TlsWire.client(pair.client(), client, host, 443);
        InetException clientError = null;
        try {
            c.handshake(10_000);
        } catch (InetException e) {
            clientError = e;
        }
        InetException serverError = serverSide.get();
        // a TLS 1.3 client finishes before the server has judged its certificate: one round trip
        // lets an alert sent after the client's handshake arrive
        Future<InetException> serverTrip = serverError != null ? null : Io.THREADS.submit(() -> {
            try {
                Io.read(s, 1);
                Io.write(s, "!");
                return null;
            } catch (InetException e) {
                return e;
            }
        });
        if (clientError == null) {
            try {
                Io.write(c, "?");
                Io.read(c, 1);
            } catch (InetException e) {
                clientError = e;
            }
        }
        if (serverTrip != null && clientError == null) {
            serverError = serverTrip.get();
        }
        return new Result(c, clientError, s, serverError, pair);
    }
}
