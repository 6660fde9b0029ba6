/**
 * The codecs behind {@link dev.otpnet.packet.Packets}: one class per {@code {packet, Type}}, each a
 * port of Erlang/OTP 25's {@code packet_parser.c} ({@code packet_get_length} for framing,
 * {@code packet_parse_http} for the http types), with scan state so a stream decoder resumes a
 * partial packet instead of re-reading it. Not exported.
 */
package dev.otpnet.internal.packet;
