package dev.otpnet.testing;

import dev.otpnet.inet.Bytes;
import dev.otpnet.packet.HttpPacket;
import dev.otpnet.packet.HttpUri;

/**
 * The HTTP messages of the framing interop matrix, written exactly as {@code framing_peer.escript}
 * writes them: for each size a request and a response whose {@code X-Value} header has a value of
 * that many bytes. {@link #unparse} gives back the bytes a packet of such a message came from, so
 * an echo server can echo what it parsed.
 */
public final class HttpMessages {
    /** Packets per size: request line, three headers, http_eoh; status line, two headers, http_eoh. */
    public static final int PACKETS_PER_SIZE = 9;

    /** Printable bytes, quotes and backslashes included (they must print as Erlang prints them), no blanks. */
    private static final String ALPHABET = "abcXYZ019\"\\,;=:/?-_.~()[]{}<>@!#$%&'*+^`|";

    private HttpMessages() {
    }

    public static String value(int size) {
        StringBuilder sb = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            sb.append(ALPHABET.charAt(i % ALPHABET.length()));
        }
        return sb.toString();
    }

    /** A request and a response, one after the other, as the escript's client sends them. */
    public static Bytes requestAndResponse(int size) {
        return Bytes.latin1("GET /size/" + size + " HTTP/1.1\r\nHost: otpnet.test\r\nX-Value: " + value(size)
                + "\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nServer: erl\r\nX-Value: " + value(size) + "\r\n\r\n");
    }

    /** The bytes {@code packet} was parsed from, for messages written as above. */
    public static Bytes unparse(HttpPacket packet) {
        String text = switch (packet) {
            case HttpPacket.Request(var method, HttpUri.AbsPath(var path), var v) ->
                    method.text() + " " + path.text() + " HTTP/" + v.major() + "." + v.minor() + "\r\n";
            case HttpPacket.Response(var v, int status, var phrase) ->
                    "HTTP/" + v.major() + "." + v.minor() + " " + status + " " + phrase.text() + "\r\n";
            case HttpPacket.Header h -> h.rawName().text() + ": " + h.value().text() + "\r\n";
            case HttpPacket.EndOfHeaders eoh -> "\r\n";
            default -> throw new IllegalArgumentException("not a packet of the matrix's messages: " + packet);
        };
        return Bytes.latin1(text);
    }
}
