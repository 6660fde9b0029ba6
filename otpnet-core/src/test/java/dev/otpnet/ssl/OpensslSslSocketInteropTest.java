package dev.otpnet.ssl;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.ssl.ErlangSsl.echo;
import static dev.otpnet.ssl.ErlangSsl.listen;
import static dev.otpnet.ssl.ErlangSsl.serve;
import static dev.otpnet.ssl.ErlangSsl.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.AnyOption;
import dev.otpnet.inet.InetException;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.OnEngine;
import dev.otpnet.testing.PeerProcess;
import dev.otpnet.testing.Peers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OpenSSL's {@code s_client} against our ssl server, where a read must write: our socket reads
 * its records on the wire poller, which never waits on a write, so what a read owes the peer is
 * written off the poller.
 * <ul>
 *   <li>The client asks for a TLS 1.3 key update: our KeyUpdate goes out (the JDK's engine at
 *       once, BoringSSL with our next record, as RFC 8446 allows), seen with {@code -msg}, and the
 *       socket goes on reading.
 *   <li>The client starts a TLS 1.2 renegotiation, which our server refuses by default: the
 *       refusal's fatal alert reaches it (testssl's client-renegotiation check relies on that) and
 *       the owner gets {@code no_renegotiation}.
 *   <li>With {@code {client_renegotiation, true}} the renegotiation's whole handshake runs through
 *       reads on the poller, each flight written off it, and the echo goes on.
 * </ul>
 */
@Tag("interop")
@Timeout(120)
class OpensslSslSocketInteropTest implements OnEngine {
    @TempDir
    static Path dir;
    static String openssl;

    @BeforeAll
    static void files() throws Exception {
        openssl = Peers.require("openssl", "openssl");
        ErlangSsl.writeFiles(dir);
    }

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    /** Our server: one connection, echoed in {@code mode} until the client leaves. */
    static Pid echoServer(SslListenSocket l, ActiveMode mode) {
        return serve(l, 1, (s, i) -> {
            s.setopts(List.of(active(mode)));
            return echo(s, mode);
        });
    }

    /** {@code openssl s_client} to our server on {@code port}, verifying it against the test CA. */
    static PeerProcess sClient(int port, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-CAfile", "ca.pem", "-verify_return_error"));
        command.addAll(List.of(args));
        return PeerProcess.start(dir, command);
    }

    /** Our server's options with {@code {client_renegotiation, true}}, on this suite's engine. */
    List<AnyOption> allowingRenegotiation() {
        return ErlangSsl.with(withEngine(ErlangSsl.SERVER), SslOptions.clientRenegotiation(true));
    }

    /** {@code server} ended well, having echoed {@code text}'s bytes in whatever packets they came. */
    static void assertEchoed(Pid server, String text) {
        @SuppressWarnings("unchecked")
        List<Integer> echoed = (List<Integer>) served(server).ok().result();
        assertEquals(text.length(), echoed.stream().mapToInt(Integer::intValue).sum(), "bytes echoed: " + echoed);
    }

    @ParameterizedTest(name = "our server in {0}")
    @EnumSource(value = ActiveMode.class, names = {"TRUE", "ONCE", "FALSE"})
    void anOpensslClientAskingForAKeyUpdateGetsOursBeforeOurNextRecordAndWeGoOnReading(ActiveMode mode)
            throws Exception {
        try (SslListenSocket l = listen(withEngine(ErlangSsl.SERVER))) {
            Pid server = echoServer(l, mode);
            try (PeerProcess c = sClient(l.port(), "-tls1_3", "-msg")) {
                c.send("before");
                c.awaitContaining("before");
                c.send("K"); // a KeyUpdate with update_requested
                c.awaitContaining("KEYUPDATE");
                c.send("after");
                c.awaitContaining("after");
                List<String> lines = c.output().lines().toList();
                int keyUpdate = lines.indexOf("<<< TLS 1.3, Handshake [length 0005], KeyUpdate");
                assertTrue(keyUpdate >= 0 && keyUpdate < lines.indexOf("after"),
                        "our KeyUpdate comes before the echo of what followed the request: " + c.output());
                c.closeInput();
                c.awaitExit();
            }
            assertEchoed(server, "before\nafter\n");
        }
    }

    @ParameterizedTest(name = "our server in {0}")
    @EnumSource(value = ActiveMode.class, names = {"TRUE", "ONCE", "FALSE"})
    void anOpensslClientsRenegotiationIsRefusedWithAFatalAlertAndTheOwnerToldNoRenegotiation(ActiveMode mode)
            throws Exception {
        try (SslListenSocket l = listen(withEngine(ErlangSsl.SERVER))) {
            Pid server = echoServer(l, mode);
            try (PeerProcess c = sClient(l.port(), "-tls1_2")) {
                c.send("before");
                c.awaitContaining("before");
                c.send("R");
                // the JDK's engine refuses with handshake_failure (as its own refusal does), BoringSSL
                // with no_renegotiation; either is fatal, so the client leaves
                c.awaitContaining(engine() == TlsEngineKind.BORINGSSL ? "no renegotiation" : "alert handshake failure");
                c.awaitExit();
            }
            InetException refusal = served(server).refusal();
            assertEquals(AlertDescription.NO_RENEGOTIATION,
                    assertInstanceOf(TlsAlert.class, refusal.reason()).description(), refusal.toString());
        }
    }

    @ParameterizedTest(name = "our server in {0}")
    @EnumSource(value = ActiveMode.class, names = {"TRUE", "ONCE", "FALSE"})
    void anOpensslClientRenegotiatesWithOurServerThatAllowsItAndTheEchoGoesOn(ActiveMode mode) throws Exception {
        try (SslListenSocket l = listen(allowingRenegotiation())) {
            Pid server = echoServer(l, mode);
            try (PeerProcess c = sClient(l.port(), "-tls1_2")) {
                c.send("before");
                c.awaitContaining("before");
                c.send("R");
                c.awaitContaining("RENEGOTIATING");
                c.send("after");
                c.awaitContaining("after");
                c.closeInput();
                c.awaitExit();
            }
            assertEchoed(server, "before\nafter\n");
        }
    }
}
