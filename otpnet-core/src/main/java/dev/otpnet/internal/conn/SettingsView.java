package dev.otpnet.internal.conn;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;

/** Reads a socket-layer option out of {@link Settings}, as {@code inet:getopts} reports it. */
public final class SettingsView {
    private SettingsView() {
    }

    public static Option read(Settings s, OptionName name) {
        return switch (name) {
            case ACTIVE -> new Option.Active(s.active(), s.active() == ActiveMode.N ? s.activeCount() : 0);
            case MODE -> new Option.Mode(s.binary());
            case PACKET -> new Option.Packet(s.packet());
            case DELIVER -> new Option.Deliver(s.deliverTerm());
            case SEND_TIMEOUT -> new Option.SendTimeout(s.sendTimeout());
            case HEADER -> new Option.Int(name, s.header());
            case PACKET_SIZE -> new Option.Int(name, s.packetSize());
            case LINE_DELIMITER -> new Option.Int(name, s.lineDelimiter());
            case BUFFER -> new Option.Int(name, s.buffer());
            case HIGH_WATERMARK -> new Option.Int(name, s.highWatermark());
            case LOW_WATERMARK -> new Option.Int(name, s.lowWatermark());
            case HIGH_MSGQ_WATERMARK -> new Option.Int(name, s.highMsgqWatermark());
            case LOW_MSGQ_WATERMARK -> new Option.Int(name, s.lowMsgqWatermark());
            case DELAY_SEND -> new Option.Flag(name, s.delaySend());
            case EXIT_ON_CLOSE -> new Option.Flag(name, s.exitOnClose());
            case SHOW_ECONNRESET -> new Option.Flag(name, s.showEconnreset());
            case SEND_TIMEOUT_CLOSE -> new Option.Flag(name, s.sendTimeoutClose());
            default -> throw new IllegalArgumentException(
                    name + " cannot be read from a connected socket with getopts");
        };
    }
}
