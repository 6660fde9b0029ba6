package dev.otpnet.bench.jmh;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.nodelay;
import static dev.otpnet.inet.Options.packet;

import dev.otpnet.inet.AnyOption;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.Option;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.ssl.CertificateSpec;
import dev.otpnet.ssl.Certificates;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslListenSocket;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.ssl.SslSocket;
import dev.otpnet.ssl.VerifyType;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The socket's hot paths on loopback, through the public API: a {@code {packet, 4}} round trip with
 * passive {@code recv} (Receiver and Framer), a send to a peer that drains (the Sender's idle fast
 * path), over TCP and over TLS 1.3 (the record path through our buffers), at 64 B and 16 KiB.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@State(Scope.Thread)
public class SocketBench {

    @Param({"tcp", "tls"})
    public String transport;

    @Param({"64", "16384"})
    public int size;

    private InetSocket client;
    private InetSocket sinkClient;
    private final List<Pid> servers = new ArrayList<>();
    private Bytes payload;

    @Setup(Level.Trial)
    public void connect() throws Exception {
        Proc.self();
        payload = Bytes.wrap(new byte[size]);
        List<Option> base = List.of(binary(), packet(4), active(false), nodelay(true), ip("127.0.0.1"));
        if (transport.equals("tcp")) {
            TcpListenSocket l = GenTcp.listen(0, base);
            client = accepted(l, base, true);
            sinkClient = accepted(l, base, false);
        } else {
            Credential cred = Certificates.selfSigned(CertificateSpec.leaf("localhost"));
            List<AnyOption> opts = new ArrayList<>(base);
            opts.add(SslOptions.cert(cred.chain().toArray(X509Certificate[]::new)));
            opts.add(SslOptions.key(cred.key()));
            SslListenSocket l = Ssl.listen(0, opts);
            client = tlsAccepted(l, base, true);
            sinkClient = tlsAccepted(l, base, false);
        }
    }

    private InetSocket accepted(TcpListenSocket l, List<Option> opts, boolean echo) throws InetException {
        Pid p = Proc.spawn(() -> {
            try {
                serve(l.accept(), echo);
            } catch (InetException closed) {
                // the benchmark is over
            }
        });
        servers.add(p);
        return GenTcp.connect("127.0.0.1", l.port(), opts);
    }

    private InetSocket tlsAccepted(SslListenSocket l, List<Option> opts, boolean echo) throws InetException {
        Pid p = Proc.spawn(() -> {
            try {
                SslSocket s = Ssl.transportAccept(l);
                Ssl.handshake(s, 10_000);
                serve(s, echo);
            } catch (InetException closed) {
                // the benchmark is over
            }
        });
        servers.add(p);
        List<AnyOption> client = new ArrayList<>(opts);
        client.add(SslOptions.verify(VerifyType.VERIFY_NONE));
        return Ssl.connect("localhost", l.port(), client);
    }

    private static void serve(InetSocket s, boolean echo) throws InetException {
        while (true) {
            Object packet = s.recv(0);
            if (echo) {
                s.send((Bytes) packet);
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        client.close();
        sinkClient.close();
        servers.forEach(p -> Proc.exit(p, ExitReason.KILL));
    }

    @Benchmark
    public Object roundTrip() throws InetException {
        client.send(payload);
        return client.recv(0);
    }

    @Benchmark
    public void sendToADrainingPeer() throws InetException {
        sinkClient.send(payload);
    }
}
