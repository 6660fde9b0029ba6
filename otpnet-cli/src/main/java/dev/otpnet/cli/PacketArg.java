package dev.otpnet.cli;

import dev.otpnet.packet.PacketType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --packet 0|1|2|4|line}: the {@code {packet, Type}} framing of the connection. */
final class PacketArg implements ITypeConverter<PacketType> {
    @Override
    public PacketType convert(String value) {
        return switch (value) {
            case "0", "raw" -> PacketType.RAW;
            case "1" -> PacketType.ONE;
            case "2" -> PacketType.TWO;
            case "4" -> PacketType.FOUR;
            case "line" -> PacketType.LINE;
            default -> throw new TypeConversionException("'" + value + "' is not a packet type: give 0, 1, 2, 4 or line");
        };
    }

    /** How Erlang writes it: {@code {packet,4}}, {@code {packet,line}}. */
    static String term(PacketType t) {
        return "{packet," + switch (t) {
            case RAW -> "0";
            case ONE -> "1";
            case TWO -> "2";
            case FOUR -> "4";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        } + "}";
    }
}
