package dev.otpnet.ssl;

import static dev.otpnet.inet.Options.ONCE;
import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.AnyOption;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.ErlangPeer;
import dev.otpnet.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the ssl socket interop tests share: the certificates and PEM files the Erlang peer
 * reads, our side's server loop and echo, and reading the terms the peer prints
 * ({@code resources/erlang/ssl_peer.escript}).
 */
final class ErlangSsl {
    /** How long any one step may take before the test fails instead of hanging. */
    static final long PATIENCE_MS = 30_000;

    static final Credential EXPIRED = Certificates.issue(TestPki.CA, CertificateSpec.leaf("localhost")
            .withSubjectAltNames("DNS:localhost", "IP:127.0.0.1")
            .withValidity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))));
    /** A good certificate for localhost from a CA nobody trusts. */
    static final Credential UNTRUSTED = Certificates.issue(TestPki.OTHER_CA, CertificateSpec.leaf("localhost")
            .withSubjectAltNames("DNS:localhost", "IP:127.0.0.1"));
    /** A client certificate from a CA nobody trusts. */
    static final Credential STRANGER = Certificates.issue(TestPki.OTHER_CA,
            CertificateSpec.leaf("client.test").withUsages(false, true));
    static final Credential A = Certificates.issue(TestPki.CA, CertificateSpec.leaf("a.test"));
    static final Credential B = Certificates.issue(TestPki.CA, CertificateSpec.leaf("b.test"));

    /** Our server's certificate and key. */
    static final List<SslOption> SERVER = List.of(SslOptions.cert(TestPki.SERVER.certificate()),
            SslOptions.key(TestPki.SERVER.key()));
    /** Our client trusting the test CA (verify_peer is then the default). */
    static final List<SslOption> TRUSTING = List.of(SslOptions.cacerts(TestPki.anchors()));

    /** The Erlang side's options for a server with {@code name}.pem and .key. */
    static String erlangServer(String name) {
        return "{certfile,\"" + name + ".pem\"},{keyfile,\"" + name + ".key\"}";
    }

    /** The Erlang side's options for a client that verifies against the test CA. */
    static final String ERLANG_VERIFYING = "{verify,verify_peer},{cacertfile,\"ca.pem\"}";

    private ErlangSsl() {
    }

    /** Writes every PEM file the peer reads into {@code dir}. */
    static void writeFiles(Path dir) throws IOException {
        Pem.writeCertificates(List.of(TestPki.CA.certificate()), dir.resolve("ca.pem"));
        Pem.writeCertificates(List.of(TestPki.OTHER_CA.certificate()), dir.resolve("other-ca.pem"));
        Pem.write(TestPki.SERVER, dir.resolve("server.pem"), dir.resolve("server.key"));
        Pem.write(TestPki.CLIENT, dir.resolve("client.pem"), dir.resolve("client.key"));
        Pem.write(EXPIRED, dir.resolve("expired.pem"), dir.resolve("expired.key"));
        Pem.write(UNTRUSTED, dir.resolve("untrusted.pem"), dir.resolve("untrusted.key"));
        Pem.write(STRANGER, dir.resolve("stranger.pem"), dir.resolve("stranger.key"));
        Pem.write(A, dir.resolve("a.pem"), dir.resolve("a.key"));
        Pem.write(B, dir.resolve("b.pem"), dir.resolve("b.key"));
    }

    /** Starts a role of {@code ssl_peer.escript} reading its files from {@code dir}. */
    static ErlangPeer peer(Path dir, String role, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = role;
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return ErlangPeer.start("ssl_peer.escript", all);
    }

    static List<AnyOption> with(List<? extends AnyOption> base, AnyOption... more) {
        List<AnyOption> out = new ArrayList<>(base);
        out.addAll(List.of(more));
        return out;
    }

    /** Options for our listener on 127.0.0.1: binary, passive, plus {@code ssl}. */
    static SslListenSocket listen(List<? extends AnyOption> ssl) throws InetException {
        return Ssl.listen(0, with(ssl, ip("127.0.0.1"), binary(), active(false)));
    }

    // ---------------------------------------------------------------- our server

    /**
     * What our server did with one connection.
     *
     * @param info    what the handshake negotiated, or null when it failed
     * @param result  what the connection's body returned
     * @param failure why the handshake or the body failed, or null
     */
    record Served(Pid server, int index, ClientHello hello, ConnectionInfo info, Object result, Throwable failure) {
        /** The handshake failure's reason; fails the test if it succeeded. */
        InetException refusal() {
            if (failure instanceof InetException e) {
                return e;
            }
            return fail("connection " + index + " was expected to fail, but "
                    + (failure == null ? "it succeeded with " + info : "failed with " + failure), failure);
        }

        Served ok() {
            if (failure != null) {
                fail("connection " + index + " failed: " + failure, failure);
            }
            return this;
        }
    }

    /** What our server runs on each connection after its handshake, in the process owning the socket. */
    interface Body {
        /** @param index the connection's number, from 1 */
        Object run(SslSocket s, int index) throws Exception;
    }

    /**
     * A process that accepts {@code count} connections on {@code l}, one after another, runs the
     * handshake within {@code handshakeMs} and then {@code body} on each, and sends the calling
     * process a {@link Served} per connection. A handshake paused after the hello ({@code
     * {handshake, hello}}) is continued, its hello kept. The process ends after the last
     * connection, or when an accept waits longer than {@link #PATIENCE_MS} or the listener closes.
     */
    static Pid serve(SslListenSocket l, int count, long handshakeMs, Body body) {
        Pid test = Proc.self();
        return Proc.spawn(() -> {
            Pid self = Proc.self();
            for (int i = 1; i <= count; i++) {
                SslSocket s;
                try {
                    s = Ssl.transportAccept(l, PATIENCE_MS);
                } catch (InetException e) {
                    test.send(new Served(self, i, null, null, null, e));
                    return;
                }
                ClientHello hello = null;
                ConnectionInfo info = null;
                try {
                    hello = Ssl.handshake(s, handshakeMs).orElse(null);
                    if (hello != null) {
                        Ssl.handshakeContinue(s, List.of(), handshakeMs);
                    }
                    info = s.connectionInformation();
                    test.send(new Served(self, i, hello, info, body.run(s, i), null));
                } catch (Throwable e) {
                    test.send(new Served(self, i, hello, info, null, e));
                } finally {
                    s.close();
                }
            }
        });
    }

    static Pid serve(SslListenSocket l, int count, Body body) {
        return serve(l, count, PATIENCE_MS, body);
    }

    /**
     * The next connection {@code server} finished (reports of servers of earlier tests, which may
     * still arrive, are left alone).
     */
    static Served served(Pid server) {
        return Proc.receive(Served.class, r -> r.server().equals(server), 2 * PATIENCE_MS)
                .orElseThrow(() -> new AssertionError("our server reported no connection within " + 2 * PATIENCE_MS + " ms"));
    }

    /**
     * Echoes every packet until the peer closes, in {@code mode}; returns the sizes echoed.
     * An Error message or a recv failure other than {@code closed} is thrown.
     */
    static List<Integer> echo(SslSocket s, ActiveMode mode) throws InetException {
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            Bytes data;
            if (mode == ActiveMode.FALSE) {
                try {
                    data = (Bytes) s.recv(0, PATIENCE_MS);
                } catch (InetException e) {
                    if (e.reason() == InetError.CLOSED) {
                        return sizes;
                    }
                    throw e;
                }
            } else {
                switch (nextMessage()) {
                    case SocketMessage.Data(var sock, Bytes b) -> data = b;
                    case SocketMessage.Closed c -> {
                        return sizes;
                    }
                    case SocketMessage.Error(var sock, var reason) -> throw new InetException(reason);
                    case SocketMessage m -> throw new AssertionError("unexpected " + m);
                }
            }
            s.send(data);
            sizes.add(data.size());
            if (mode == ActiveMode.ONCE) {
                s.setopts(List.of(active(ONCE)));
            }
        }
    }

    /** A passive socket's echo of whatever comes until the peer closes. */
    static Object echoPassive(SslSocket s, int index) throws InetException {
        return echo(s, ActiveMode.FALSE);
    }

    static SocketMessage nextMessage() {
        return Proc.receive(SocketMessage.class, PATIENCE_MS)
                .orElseThrow(() -> new AssertionError("no socket message within " + PATIENCE_MS + " ms"));
    }

    /** One packet (raw: {@code size} bytes however they are cut) in {@code mode}. */
    static Bytes receive(SslSocket s, int packet, ActiveMode mode, int size) throws InetException {
        if (mode == ActiveMode.FALSE) {
            return (Bytes) s.recv(packet == 0 ? size : 0, PATIENCE_MS);
        }
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        do {
            switch (nextMessage()) {
                case SocketMessage.Data(var sock, Bytes b) -> got.writeBytes(b.toArray());
                case SocketMessage m -> throw new AssertionError("waiting for " + size + " bytes, got " + m);
            }
            if (mode == ActiveMode.ONCE) {
                s.setopts(List.of(active(ONCE)));
            }
        } while (packet == 0 && got.size() < size);
        return Bytes.wrap(got.toByteArray());
    }

    // ---------------------------------------------------------------- the peer's terms

    /** How Erlang's {@code binary:encode_hex/1} prints a certificate: upper-case hex of the DER. */
    static String hex(Credential c) {
        try {
            return HexFormat.of().withUpperCase().formatHex(c.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(Bytes b) {
        return b.hex().toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The value of {@code {name, Value}} in an info line the peer printed: an atom, a string
     * (with its quotes), or for a binary its contents ({@code <<"h2">>} gives {@code h2}).
     */
    static String field(String line, String name) {
        Matcher m = Pattern.compile("\\{" + name + ",(<<\"([^\"]*)\">>|'[^']*'|\"[^\"]*\"|[a-z_]+)}").matcher(line);
        assertTrue(m.find(), "no {" + name + ",_} in " + line);
        return m.group(2) != null ? m.group(2) : m.group(1);
    }
}
