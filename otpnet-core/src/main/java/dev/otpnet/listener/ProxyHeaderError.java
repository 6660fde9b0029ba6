package dev.otpnet.listener;

import dev.otpnet.inet.Reason;
import java.util.Objects;

/**
 * Why a PROXY protocol header was refused: {@code {proxy_header, Why}}. {@code why} is a sentence
 * naming the rule that was broken and the section of HAProxy's {@code proxy-protocol.txt} it comes
 * from, as Ranch's {@code ranch_proxy_header:parse/1} does ("The PROXY protocol header signature
 * was not recognized. (PP 2.1, PP 2.2)").
 */
public record ProxyHeaderError(String why) implements Reason {
    public ProxyHeaderError {
        Objects.requireNonNull(why, "why");
    }

    @Override
    public String atom() {
        return "proxy_header";
    }

    @Override
    public String text() {
        return why;
    }

    @Override
    public String toString() {
        return "{proxy_header,\"" + why.replace("\"", "\\\"") + "\"}";
    }
}
