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
 */
public interface PacketDecoder {

    /**
     * Decodes the next packet from the remaining bytes of {@code in}.
     *
     * <p>On success the packet's bytes are consumed ({@code in.position()} moves past them) and the
     * packet is returned: a {@link dev.otpnet.inet.Bytes} for the byte types (the length header
     * stripped for 1, 2 and 4 as gen_tcp does; kept for asn1, cdr, sunrm, fcgi, tpkt; a line keeps
     * its delimiter), or an {@code HttpPacket} for the http types. For {@code raw} every remaining
     * byte is one packet.
     *
     * @return the packet, or {@code null} when more bytes are needed; then {@code in.position()}
     *     is unchanged and {@link #expectedSize()} tells how large the packet will be, if known
     * @throws InetException with reason {@code emsgsize} when the packet exceeds {@code packet_size},
     *     or {@code invalid} when the bytes are not a packet of this type
     */
    Object decode(ByteBuffer in) throws InetException;

    /**
     * After {@link #decode} returned {@code null}: the total size in bytes (headers included) of the
     * packet being assembled, when its header says so, else -1. A reader uses this to grow its buffer
     * once instead of by doubling; it has already been checked against {@code packet_size}.
     */
    int expectedSize();
}
