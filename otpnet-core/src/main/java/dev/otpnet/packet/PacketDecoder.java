package dev.otpnet.packet;

import dev.otpnet.inet.InetException;
import java.nio.ByteBuffer;

/**
 * Incremental decoder for one byte stream: what a socket in {@code {packet, Type}} mode runs on
 * every chunk it reads. Obtain one from {@link Packets#decoder}.
 *
 * <p>Thread confinement: one decoder belongs to one socket reader and is used by one thread at a
 * time. It may keep state between calls (how far a partial line was scanned, the http/httph
 * switch), so a partial packet is resumed, never re-parsed from the start.
 *
 * <p>The reader's side of the contract: call {@link #decode} with the unread bytes from
 * {@code in.position()} to {@code in.limit()}; after it returns {@code null}, call it again once
 * more bytes are appended, with the bytes it already saw unchanged in front of them. The buffer
 * itself may be a different one (compacted, grown, direct or heap): the decoder remembers
 * offsets from the position, never absolute indexes or the buffer. Make a new decoder when the
 * socket's packet options change.
 *
 * <pre>{@code
 * Object packet;
 * while ((packet = decoder.decode(buffer)) != null) {
 *     deliver(packet);
 * }
 * int size = decoder.expectedSize();   // -1, or the whole packet's size: grow the buffer once
 * }</pre>
 */
public interface PacketDecoder {

    /**
     * Decodes the next packet from the remaining bytes of {@code in}.
     *
     * <p>On success the packet's bytes are consumed ({@code in.position()} moves past them, and for
     * fcgi past its padding) and the packet is returned, in a fresh copy the reader may keep: a
     * {@link dev.otpnet.inet.Bytes} for the byte types (the length header stripped for 1, 2 and 4
     * as gen_tcp does; kept for asn1, cdr, sunrm, fcgi, tpkt; a line keeps its delimiter), or an
     * {@link HttpPacket} for the http types. For {@code raw} every remaining byte is one packet.
     *
     * @return the packet, or {@code null} when more bytes are needed; then {@code in.position()}
     *     is unchanged and {@link #expectedSize()} tells how large the packet will be, if known
     * @throws InetException with reason {@code emsgsize} when the packet cannot be framed: it
     *     exceeds {@code packet_size} (known from its header alone, before any body arrives), its
     *     header is malformed (bad magic, version or length form), or, with a receive buffer size
     *     given as {@code line_length}, a packet of unknown length outgrows it. gen_tcp returns
     *     {@code {error, emsgsize}} in all these cases; the message says which. The stream cannot
     *     be resynchronised afterwards.
     */
    Object decode(ByteBuffer in) throws InetException;

    /**
     * After {@link #decode} returned {@code null}: the total size in bytes (headers and padding
     * included) of the packet being assembled, when its header says so, else -1. A reader uses
     * this to grow its buffer once instead of by doubling; it has already been checked against
     * {@code packet_size}. Without {@code packet_size} it may be as large as 2<sup>31</sup>-1, so a
     * reader that must not trust its peer sets {@code packet_size}.
     */
    int expectedSize();
}
