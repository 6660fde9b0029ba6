package dev.otpnet.listener;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.listener.ProxyHeader.Addresses;
import dev.otpnet.listener.ProxyHeader.Command;
import dev.otpnet.listener.ProxyHeader.Family;
import dev.otpnet.listener.ProxyHeader.Protocol;
import dev.otpnet.testing.Loopback;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PROXY protocol against the byte layouts of HAProxy's proxy-protocol.txt. */
class ProxyHeadersTest {
    private static final String SIG = "0d0a0d0a000d0a515549540a";

    private static Bytes hex(String h) {
        return Bytes.wrap(HexFormat.of().parseHex(h.replace(" ", "")));
    }

    private static InetSocketAddress at(String ip, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(ip), port);
    }

    private static String why(InetException e) {
        return assertInstanceOf(ProxyHeaderError.class, e.reason()).why();
    }

    @Test
    void theSpecsV1ExampleParsesAndIsWrittenByteForByte() throws InetException {
        Bytes wire = Bytes.latin1("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\nGET / HTTP/1.1\r\n");
        ProxyHeaders.Parsed p = ProxyHeaders.parse(wire);
        assertEquals(at("192.168.0.1", 56324), p.header().source().orElseThrow());
        assertEquals(at("192.168.0.11", 443), p.header().destination().orElseThrow());
        assertEquals(Bytes.latin1("GET / HTTP/1.1\r\n"), p.rest());
        assertEquals(Bytes.latin1("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n"), ProxyHeaders.header(p.header()));
    }

    @Test
    void v1Tcp6AndUnknownParse() throws InetException {
        ProxyHeader h = ProxyHeaders.parse(Bytes.latin1("PROXY TCP6 2001:db8::1 ::1 65535 0\r\n")).header();
        assertEquals(Family.INET6, h.family());
        assertEquals(at("2001:db8::1", 65535), h.source().orElseThrow());
        assertEquals(Bytes.latin1("PROXY TCP6 2001:db8::1 ::1 65535 0\r\n"), ProxyHeaders.header(h));
        ProxyHeader u = ProxyHeaders.parse(Bytes.latin1("PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n")).header();
        assertEquals(Family.UNSPEC, u.family());
        assertInstanceOf(Addresses.None.class, u.addresses());
        assertEquals(Bytes.latin1("PROXY UNKNOWN\r\n"), ProxyHeaders.header(ProxyHeader.unknown()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PROXY TCP4 192.168.0.1 192.168.0.11 56324 443 \r\n",
        "PROXY TCP4 192.168.0.1  192.168.0.11 56324 443\r\n",
        "PROXY TCP5 192.168.0.1 192.168.0.11 56324 443\r\n",
        "PROXY TCP4 192.168.0.256 192.168.0.11 56324 443\r\n",
        "PROXY TCP4 ::1 192.168.0.11 56324 443\r\n",
        "PROXY TCP6 192.168.0.1 ::1 56324 443\r\n",
        "PROXY TCP4 192.168.0.1 192.168.0.11 65536 443\r\n",
        "PROXY TCP4 192.168.0.1 192.168.0.11 056 443\r\n",
        "PROXY TCP4 192.168.0.1 192.168.0.11 -1 443\r\n",
        "PROXY TCP4 localhost 192.168.0.11 1 443\r\n",
        "PROXY TCP4 192.168.0.1 192.168.0.11 1\r\n",
        "PROXY UNKNOWNX\r\n",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\u0001\r\n",
    })
    void malformedV1HeadersAreRefusedWithTheSpecSection(String line) {
        InetException e = assertThrows(InetException.class, () -> ProxyHeaders.parse(Bytes.latin1(line)));
        assertTrue(why(e).contains("(PP 2.1)"), why(e));
    }

    @Test
    void aV1HeaderWithoutCrlfWithin107BytesIsRefused() {
        String longLine = "PROXY UNKNOWN " + "x".repeat(100) + "\r\n";
        InetException e = assertThrows(InetException.class, () -> ProxyHeaders.parse(Bytes.latin1(longLine)));
        assertTrue(why(e).contains("107"), why(e));
        // 107 bytes with the CRLF is the limit, and allowed.
        String max = "PROXY UNKNOWN " + "x".repeat(107 - 16) + "\r\n";
        assertEquals(107, max.length());
        InetException none = null;
        try {
            ProxyHeaders.parse(Bytes.latin1(max));
        } catch (InetException ex) {
            none = ex;
        }
        assertEquals(null, none);
    }

    @Test
    void theSpecsV2LayoutForTcpOverIpv4() throws InetException {
        // \x21 = version 2, PROXY; \x11 = TCP over IPv4; length 12 = 2*4 + 2*2.
        Bytes wire = hex(SIG + "21 11 000c c0a80001 c0a8000b dc04 01bb" + "cafe");
        ProxyHeaders.Parsed p = ProxyHeaders.parse(wire);
        ProxyHeader h = p.header();
        assertEquals(2, h.version());
        assertEquals(Command.PROXY, h.command());
        assertEquals(Family.INET, h.family());
        assertEquals(Protocol.STREAM, h.protocol());
        assertEquals(at("192.168.0.1", 56324), h.source().orElseThrow());
        assertEquals(at("192.168.0.11", 443), h.destination().orElseThrow());
        assertEquals(hex("cafe"), p.rest());
        assertEquals(wire.slice(0, 28), ProxyHeaders.header(h));
    }

    @Test
    void theSpecsV2LayoutForTcpOverIpv6AndUnixAndUdp() throws InetException {
        String a = "20010db8000000000000000000000001";
        String b = "00000000000000000000000000000001";
        Bytes v6 = hex(SIG + "21 21 0024" + a + b + "0050 1f90");
        ProxyHeader h = ProxyHeaders.parse(v6).header();
        assertEquals(at("2001:db8::1", 80), h.source().orElseThrow());
        assertEquals(at("::1", 8080), h.destination().orElseThrow());
        assertEquals(v6, ProxyHeaders.header(h));

        Bytes udp = hex(SIG + "21 12 000c 7f000001 7f000002 0001 0002");
        assertEquals(Protocol.DGRAM, ProxyHeaders.parse(udp).header().protocol());

        byte[] unix = new byte[16 + 216];
        System.arraycopy(hex(SIG + "21 31 00d8").toArray(), 0, unix, 0, 16);
        byte[] path = "/run/a.sock".getBytes();
        System.arraycopy(path, 0, unix, 16, path.length);
        System.arraycopy("/run/b.sock".getBytes(), 0, unix, 16 + 108, path.length);
        ProxyHeader u = ProxyHeaders.parse(Bytes.wrap(unix)).header();
        assertEquals(new Addresses.Unix(Bytes.latin1("/run/a.sock"), Bytes.latin1("/run/b.sock")), u.addresses());
        assertEquals(Bytes.wrap(unix), ProxyHeaders.header(u));
    }

    @Test
    void v2LocalUsesTheRealEndpointsAndSkipsTheAddressBlock() throws InetException {
        Bytes local = hex(SIG + "20 00 0000");
        ProxyHeader h = ProxyHeaders.parse(local).header();
        assertEquals(Command.LOCAL, h.command());
        assertInstanceOf(Addresses.None.class, h.addresses());
        assertEquals(local, ProxyHeaders.header(ProxyHeader.local()));
        // "must not assume zero is presented for LOCAL": a LOCAL header with an address block.
        ProxyHeaders.Parsed p = ProxyHeaders.parse(hex(SIG + "20 11 000c 7f000001 7f000001 0001 0002 ff"));
        assertEquals(Command.LOCAL, p.header().command());
        assertTrue(p.header().source().isEmpty());
        assertEquals(hex("ff"), p.rest());
    }

    @Test
    void everyRegisteredTlvAndACustomOneSurviveARoundTrip() throws InetException {
        ProxyTlv.Ssl ssl = new ProxyTlv.Ssl(ProxyTlv.Ssl.CLIENT_SSL | ProxyTlv.Ssl.CLIENT_CERT_CONN, 0, List.of(
                ProxyTlv.Ssl.Sub.of(ProxyTlv.Ssl.VERSION, "TLSv1.3"),
                ProxyTlv.Ssl.Sub.of(ProxyTlv.Ssl.CN, "client.example"),
                ProxyTlv.Ssl.Sub.of(ProxyTlv.Ssl.CIPHER, "TLS_AES_128_GCM_SHA256"),
                ProxyTlv.Ssl.Sub.of(ProxyTlv.Ssl.SIG_ALG, "SHA256"),
                ProxyTlv.Ssl.Sub.of(ProxyTlv.Ssl.KEY_ALG, "EC256")));
        ProxyHeader h = ProxyHeader.proxy(2, at("10.0.0.1", 4000), at("10.0.0.2", 443)).withTlvs(List.of(
                ProxyTlv.Alpn.of("h2"), new ProxyTlv.Authority("example.com"),
                new ProxyTlv.UniqueId(Bytes.latin1("id-42")), ssl, new ProxyTlv.Netns("blue"),
                new ProxyTlv.Custom(0xE0, hex("0102")), new ProxyTlv.Noop(3)));
        Bytes wire = ProxyHeaders.header(h, ProxyHeaders.WriteOptions.CRC32C);
        ProxyHeader back = ProxyHeaders.parse(wire).header();
        assertEquals("h2", back.alpn().orElseThrow());
        assertEquals("example.com", back.authority().orElseThrow());
        assertEquals(Bytes.latin1("id-42"), back.uniqueId().orElseThrow());
        assertEquals("blue", back.netns().orElseThrow());
        ProxyTlv.Ssl s = back.ssl().orElseThrow();
        assertTrue(s.ssl() && s.certConn() && !s.certSess() && s.verified());
        assertEquals("TLSv1.3", s.version().orElseThrow());
        assertEquals("client.example", s.cn().orElseThrow());
        assertEquals("TLS_AES_128_GCM_SHA256", s.cipher().orElseThrow());
        assertEquals("SHA256", s.sigAlg().orElseThrow());
        assertEquals("EC256", s.keyAlg().orElseThrow());
        assertEquals(List.of(new ProxyTlv.Custom(0xE0, hex("0102"))), back.custom());
        assertTrue(back.crc32c().isPresent());
        // Written again (the checksum recomputed), the bytes are the same.
        assertEquals(wire, ProxyHeaders.header(back, ProxyHeaders.WriteOptions.CRC32C));
    }

    @Test
    void theChecksumIsCrc32cOfTheWholeHeaderWithItsFieldZeroed() throws InetException {
        // Built by hand: header with only a CRC32C TLV (type 3, length 4) after the IPv4 block.
        String head = SIG + "21 11 0013 7f000001 7f000002 0001 0002 03 0004";
        byte[] zeroed = hex(head + "00000000").toArray();
        CRC32C crc = new CRC32C();
        crc.update(zeroed);
        String sum = String.format("%08x", crc.getValue());
        ProxyHeader h = ProxyHeaders.parse(hex(head + sum)).header();
        assertEquals((int) crc.getValue(), h.crc32c().orElseThrow());
        assertEquals(hex(head + sum), ProxyHeaders.header(h.withTlvs(List.of()), ProxyHeaders.WriteOptions.CRC32C));

        byte[] flipped = hex(head + sum).toArray();
        flipped[17] ^= 1; // one bit of the source address
        InetException e = assertThrows(InetException.class, () -> ProxyHeaders.parse(Bytes.wrap(flipped)));
        assertTrue(why(e).contains("CRC32C") && why(e).contains("(PP 2.2.3)"), why(e));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "11 11 000c 7f000001 7f000002 0001 0002",          // version 1 in the binary format
        "22 11 000c 7f000001 7f000002 0001 0002",          // command 2
        "21 41 000c 7f000001 7f000002 0001 0002",          // family 4
        "21 13 000c 7f000001 7f000002 0001 0002",          // protocol 3
        "21 11 0008 7f000001 7f000002",                    // address block too short for IPv4
        "21 11 000e 7f000001 7f000002 0001 0002 01 00",    // TLV cut inside its length
        "21 11 0010 7f000001 7f000002 0001 0002 01 0005 6832", // TLV longer than the header
        "21 11 0011 7f000001 7f000002 0001 0002 03 0002 0000", // CRC32C of 2 bytes
        "21 11 0013 7f000001 7f000002 0001 0002 20 0004 01000000", // SSL TLV shorter than 5
    })
    void malformedV2HeadersAreRefusedWithAReason(String rest) {
        InetException e = assertThrows(InetException.class, () -> ProxyHeaders.parse(hex(SIG + rest)));
        assertTrue(why(e).contains("(PP 2.2"), why(e));
    }

    @Test
    void aUniqueIdOver128BytesIsRefused() {
        String id = "41".repeat(129);
        String len = String.format("%04x", 12 + 3 + 129);
        InetException e = assertThrows(InetException.class, () -> ProxyHeaders.parse(
                hex(SIG + "21 11" + len + "7f000001 7f000002 0001 0002 05 0081" + id)));
        assertTrue(why(e).contains("128"), why(e));
    }

    @Test
    void truncatedAndUnknownDataAreRefusedDifferently() {
        for (String partial : List.of(SIG.substring(0, 10), SIG + "21 11 00", SIG + "21 11 000c 7f00")) {
            InetException e = assertThrows(InetException.class, () -> ProxyHeaders.parse(hex(partial)));
            assertTrue(why(e).contains("truncated"), why(e));
        }
        InetException v1 = assertThrows(InetException.class,
                () -> ProxyHeaders.parse(Bytes.latin1("PROXY TCP4 1.2.3.4")));
        assertTrue(why(v1).contains("truncated"), why(v1));
        InetException http = assertThrows(InetException.class,
                () -> ProxyHeaders.parse(Bytes.latin1("GET / HTTP/1.1\r\n\r\n")));
        assertTrue(why(http).contains("signature was not recognized"), why(http));
    }

    @Test
    void theWriterRefusesWhatTheWireCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> new ProxyHeader(1, Command.LOCAL, Family.UNSPEC,
                Protocol.UNSPEC, new Addresses.None(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> ProxyHeader.proxy(1, at("1.2.3.4", 1), at("1.2.3.5", 2)).withTlvs(List.of(ProxyTlv.Alpn.of("h2"))));
        assertThrows(IllegalArgumentException.class, () -> ProxyHeaders.header(
                ProxyHeader.proxy(1, at("1.2.3.4", 1), at("1.2.3.5", 2)), ProxyHeaders.WriteOptions.CRC32C));
        assertThrows(IllegalArgumentException.class, () -> ProxyHeader.proxy(2, at("1.2.3.4", 1), at("::1", 2)));
        assertThrows(IllegalArgumentException.class, () -> new ProxyTlv.UniqueId(Bytes.wrap(new byte[129])));
    }

    @Test
    void recvReadsExactlyTheHeaderAndLeavesTheRestInTheSocket() throws Exception {
        try (Loopback l = Loopback.open(List.of(binary(), active(false)))) {
            ProxyHeader sent = ProxyHeader.proxy(2, at("203.0.113.9", 51000), at("198.51.100.1", 443))
                    .withTlvs(List.of(ProxyTlv.Alpn.of("http/1.1")));
            l.client().send(ProxyHeaders.header(sent, ProxyHeaders.WriteOptions.CRC32C).concat(Bytes.latin1("hello")));
            ProxyHeader got = ProxyHeaders.recv(l.server(), 5000);
            assertEquals(sent.source(), got.source());
            assertEquals(Bytes.latin1("hello"), l.server().recv(5, 5000));

            l.client().send(Bytes.latin1("PROXY UNKNOWN\r\nv1"));
            assertEquals(Family.UNSPEC, ProxyHeaders.recv(l.server(), 5000).family());
            assertEquals(Bytes.latin1("v1"), l.server().recv(2, 5000));
        }
    }

    @Test
    void recvTimesOutOnASilentPeerAndRefusesAnOversizeOrCutHeader() throws Exception {
        try (Loopback l = Loopback.open(List.of(binary(), active(false)))) {
            InetException t = assertThrows(InetException.class, () -> ProxyHeaders.recv(l.server(), 100));
            assertEquals(InetError.TIMEOUT, t.reason());
        }
        try (Loopback l = Loopback.open(List.of(binary(), active(false)))) {
            l.client().send(hex(SIG + "21 11 1000"));
            InetException big = assertThrows(InetException.class, () -> ProxyHeaders.recv(l.server(), 5000, 1024));
            assertTrue(why(big).contains("more than the 1024"), why(big));
        }
        try (Loopback l = Loopback.open(List.of(binary(), active(false)))) {
            l.client().send(hex(SIG + "21 11 000c 7f00"));
            l.client().close();
            InetException cut = assertThrows(InetException.class, () -> ProxyHeaders.recv(l.server(), 5000));
            assertTrue(why(cut).contains("closed inside"), why(cut));
        }
    }
}
