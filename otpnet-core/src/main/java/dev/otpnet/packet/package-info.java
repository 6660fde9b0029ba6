/**
 * {@code erlang:decode_packet/3}: every {@code {packet, Type}} framing as pure functions over bytes,
 * shared by gen_tcp, ssl and socket sockets and usable alone. Entry point:
 * {@link dev.otpnet.packet.Packets}.
 */
package dev.otpnet.packet;
