package dev.otpnet.bench.jmh;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.packet.PacketDecoder;
import dev.otpnet.packet.PacketOptions;
import dev.otpnet.packet.PacketType;
import dev.otpnet.packet.Packets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Each packet decoder on a buffer of 64 back-to-back packets, as the socket's framer runs it. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DecodeBench {
    private static final int PACKETS = 64;

    @Param({"FOUR", "TWO", "LINE", "ASN1", "TPKT", "HTTP_BIN"})
    public String type;

    private PacketDecoder decoder;
    private byte[] stream;

    @Setup
    public void prepare() {
        PacketType t = PacketType.valueOf(type);
        decoder = Packets.decoder(t, PacketOptions.DEFAULT);
        byte[] one = switch (t) {
            case FOUR -> frame(4, 64);
            case TWO -> frame(2, 64);
            case LINE -> ("x".repeat(63) + "\n").getBytes(StandardCharsets.ISO_8859_1);
            case ASN1 -> asn1(62);
            case TPKT -> tpkt(60);
            case HTTP_BIN -> "Content-Type: text/plain; charset=utf-8\r\n".getBytes(StandardCharsets.ISO_8859_1);
            default -> throw new IllegalArgumentException(type);
        };
        ByteBuffer b = ByteBuffer.allocate(one.length * PACKETS);
        for (int i = 0; i < PACKETS; i++) {
            b.put(one);
        }
        stream = b.array();
    }

    private static byte[] frame(int header, int body) {
        ByteBuffer b = ByteBuffer.allocate(header + body);
        if (header == 4) {
            b.putInt(body);
        } else {
            b.putShort((short) body);
        }
        return b.array();
    }

    private static byte[] asn1(int body) {
        byte[] b = new byte[2 + body];
        b[0] = 0x04;
        b[1] = (byte) body;
        return b;
    }

    private static byte[] tpkt(int body) {
        byte[] b = new byte[4 + body];
        b[0] = 3;
        b[2] = (byte) ((4 + body) >> 8);
        b[3] = (byte) (4 + body);
        return b;
    }

    @Benchmark
    public int decode64Packets() throws InetException {
        ByteBuffer in = ByteBuffer.wrap(stream);
        int n = 0;
        while (in.hasRemaining() && decoder.decode(in) != null) {
            n++;
        }
        return n;
    }

    @Benchmark
    public Object decodeOneWithPacketsDecode() {
        return Packets.decode(PacketType.valueOf(type), Bytes.wrap(stream));
    }
}
