package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.buffer;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.Option;
import dev.otpnet.packet.HttpPacket;
import dev.otpnet.packet.PacketType;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.ErlangPeer;
import dev.otpnet.testing.Frames;
import dev.otpnet.testing.HttpMessages;
import dev.otpnet.testing.PacketReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The framing echo matrix against a real Erlang/OTP gen_tcp peer, both ways: an Erlang echo server
 * with {@code {packet, T}} and our client, and our echo server with an Erlang client, at every
 * payload size the type can carry. One escript run per type and direction covers all the sizes.
 *
 * <p>The byte types are framed by hand on both sides (only 1, 2 and 4 get their header from send).
 * For http the messages are a request and a response whose header values have each size; both
 * sides parse the same bytes with {@code {packet, T}} (the echo server writes back the bytes each
 * packet came from), and our packets must print exactly as Erlang printed its own with {@code ~p}.
 * Our side reads in a different active mode per type, so the matrix also crosses the modes.
 */
@Tag("interop")
class FramingInteropTest {
    private static final int[] SIZES = {0, 1, 2, 3, 4, 7, 10, 13, 126, 127, 128, 255, 256, 1023, 32767, 32768,
        65535, 65536, 70000};
    /** As the escript: an http socket needs a buffer that holds its longest line. */
    private static final int HTTP_BUFFER = 262144;

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    static int[] sizesFor(PacketType type) {
        return Arrays.stream(SIZES).filter(n -> n <= Frames.maxPayload(type)).toArray();
    }

    static String csv(int[] sizes) {
        return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    static ActiveMode ourMode(PacketType type) {
        return ActiveMode.values()[type.ordinal() % ActiveMode.values().length];
    }

    static List<Option> ourOptions(PacketType type) {
        List<Option> options = new ArrayList<>(List.of(binary(), packet(type), PacketReader.initial(ourMode(type))));
        if (type.isHttp()) {
            options.add(buffer(HTTP_BUFFER));
        }
        return options;
    }

    @ParameterizedTest(name = "'{'packet,{0}'}'")
    @EnumSource(names = {"ONE", "TWO", "FOUR", "LINE", "ASN1", "CDR", "SUNRM", "TPKT", "HTTP", "HTTP_BIN"})
    void anErlangEchoServerEchoesWhatOurClientSends(PacketType type) throws Exception {
        int[] sizes = sizesFor(type);
        List<String> ours = new ArrayList<>();
        try (ErlangPeer erl = ErlangPeer.start("framing_peer.escript", "echo_server", type.toString())) {
            TcpSocket s = GenTcp.connect("127.0.0.1", erl.port(), ourOptions(type), 10_000);
            PacketReader reader = new PacketReader(s, ourMode(type));
            for (int i = 0; i < sizes.length; i++) {
                Bytes payload = Frames.payload(sizes[i]);
                if (type.isHttp()) {
                    Bytes sent = HttpMessages.requestAndResponse(sizes[i]);
                    s.send(sent);
                    Bytes rebuilt = Bytes.EMPTY;
                    for (int k = 0; k < HttpMessages.PACKETS_PER_SIZE; k++) {
                        HttpPacket p = assertInstanceOf(HttpPacket.class, reader.next());
                        ours.add(p.toString());
                        rebuilt = rebuilt.concat(HttpMessages.unparse(p));
                    }
                    assertEquals(sent, rebuilt, "the echo was the bytes we sent, size " + sizes[i]);
                } else {
                    s.send(type.lengthHeader() > 0 ? payload : Frames.frame(type, payload, i));
                    assertEquals(Frames.delivered(type, payload, i), reader.next(), "size " + sizes[i]);
                }
            }
            s.close();
            erl.expectOk();
            if (type.isHttp()) {
                assertEquals(printedByErlang(erl), ours, "our packets print as gen_tcp's for the same bytes");
            }
        }
    }

    @ParameterizedTest(name = "'{'packet,{0}'}'")
    @EnumSource(names = {"ONE", "TWO", "FOUR", "LINE", "ASN1", "CDR", "SUNRM", "TPKT", "HTTP", "HTTP_BIN"})
    void ourEchoServerEchoesWhatAnErlangClientSends(PacketType type) throws Exception {
        int[] sizes = sizesFor(type);
        List<Option> options = new ArrayList<>(ourOptions(type));
        options.add(ip("127.0.0.1"));
        List<String> ours = new ArrayList<>();
        try (TcpListenSocket l = GenTcp.listen(0, options);
                ErlangPeer erl = ErlangPeer.start("framing_peer.escript", "echo_client",
                        Integer.toString(l.port()), type.toString(), csv(sizes))) {
            TcpSocket s = l.accept(20_000);
            PacketReader reader = new PacketReader(s, ourMode(type));
            int expected = type.isHttp() ? sizes.length * HttpMessages.PACKETS_PER_SIZE : sizes.length;
            for (int n = 0; n <= expected; n++) {
                Object p = reader.nextOrNull();
                if (p == null) {
                    break;
                }
                if (p instanceof HttpPacket h) {
                    ours.add(h.toString());
                    s.send(HttpMessages.unparse(h));
                } else {
                    ours.add("packet");
                    s.send(assertInstanceOf(Bytes.class, p));
                }
            }
            erl.expectOk();
            assertEquals(expected, ours.size(), "packets our server echoed");
            assertEquals(sizes.length, erl.seen().stream().filter(x -> x.startsWith("echoed ")).count());
            if (type.isHttp()) {
                assertEquals(printedByErlang(erl), ours, "our packets print as gen_tcp's for the same bytes");
            }
        }
    }

    /** The packets the Erlang side parsed, as it printed them with {@code ~p}. */
    private static List<String> printedByErlang(ErlangPeer erl) {
        return erl.seen().stream().filter(x -> x.startsWith("pkt ")).map(x -> x.substring(4)).toList();
    }
}
