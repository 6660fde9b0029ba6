package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.ssl.OptionFileError;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.testing.ErlangPeer;
import dev.otpnet.testing.Peers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.otpnet.ssl.SslOptions.cacertfile;
import static dev.otpnet.ssl.SslOptions.certfile;
import static dev.otpnet.ssl.SslOptions.keyfile;
import static dev.otpnet.ssl.SslOptions.verify;
import static dev.otpnet.ssl.VerifyType.VERIFY_PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A certificate, key or CA file that cannot be read is {@code {options,{Option,File,{error,Posix}}}},
 * a term a program can match, printed exactly as Erlang/OTP's ssl prints it for the same files.
 */
@Tag("interop")
@Timeout(120)
class OptionFilesInteropTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws Exception {
        Peers.escript();
        InteropFiles.write(dir);
    }

    private static String erlang(String... args) {
        try (ErlangPeer p = ErlangPeer.start("ssl_option_files.escript", args)) {
            String line = p.expect("result: ");
            return line.substring("result: ".length());
        }
    }

    private static String erlangClient(String options) {
        return erlang("client", dir.resolve("server.pem").toString(), dir.resolve("server.key").toString(), options);
    }

    private static Reason ours(boolean server, SslOption... options) {
        InetException e = assertThrows(InetException.class,
                () -> { if (server) { TlsConfig.server(List.of(options)); } else { TlsConfig.client(List.of(options)); } });
        return e.reason();
    }

    private static String q(Path p) {
        return "\"" + p + "\"";
    }

    @Test
    void aMissingCertfileWithoutKeyfileIsReportedAsTheKeyfileAsErlangDoes() {
        Path missing = dir.resolve("missing.pem");
        Reason r = ours(false, certfile(missing));
        assertEquals("{error," + r + "}", erlangClient("[{certfile," + q(missing) + "}]"));
        OptionFileError bad = assertInstanceOf(OptionFileError.class, assertInstanceOf(Reason.Tagged.class, r).value());
        assertEquals("keyfile", bad.option());
        assertEquals(missing, bad.file());
        assertEquals(Posix.ENOENT, bad.error());
    }

    @Test
    void aMissingKeyfile() {
        Path missing = dir.resolve("missing.key");
        Reason r = ours(false, certfile(dir.resolve("client.pem")), keyfile(missing));
        assertEquals("{error," + r + "}", erlangClient("[{certfile," + q(dir.resolve("client.pem")) + "},{keyfile," + q(missing) + "}]"));
    }

    @Test
    void aDirectoryGivenAsAFileIsEisdir() {
        Reason r = ours(false, certfile(dir.resolve("client.pem")), keyfile(dir));
        assertEquals("{error," + r + "}", erlangClient("[{certfile," + q(dir.resolve("client.pem")) + "},{keyfile," + q(dir) + "}]"));
        assertEquals(Posix.EISDIR, ((OptionFileError) ((Reason.Tagged) r).value()).error());
    }

    @Test
    void aMissingCacertfile() {
        Path missing = dir.resolve("missing-ca.pem");
        Reason r = ours(false, verify(VERIFY_PEER), cacertfile(missing));
        assertEquals("{error," + r + "}", erlangClient("[{verify,verify_peer},{cacertfile," + q(missing) + "}]"));
    }

    @Test
    void aServerWithAMissingCertfile() {
        Path missing = dir.resolve("missing.pem");
        Reason r = ours(true, certfile(missing), keyfile(dir.resolve("server.key")));
        assertEquals("{error," + r + "}", erlang("server", "[{certfile," + q(missing) + "},{keyfile," + q(dir.resolve("server.key")) + "}]"));
    }
}
