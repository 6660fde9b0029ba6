/**
 * otpnet: Erlang/OTP's networking model for Java.
 *
 * <p>One exported package per Erlang module ({@code dev.otpnet.process}, {@code dev.otpnet.inet},
 * {@code dev.otpnet.packet}, {@code dev.otpnet.etf}, {@code dev.otpnet.tcp}, {@code dev.otpnet.ssl},
 * {@code dev.otpnet.socket}, {@code dev.otpnet.otp}, {@code dev.otpnet.listener}); everything under
 * {@code dev.otpnet.internal} is implementation and not exported.
 */
module dev.otpnet {
    requires java.logging;
    requires jdk.net;
    requires jdk.jfr;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    // the optional native TLS engine ({engine, boringssl}); absent unless the user adds netty
    requires static io.netty.handler;
    requires static io.netty.buffer;
    requires static io.netty.common;
    requires static io.netty.tcnative.classes.openssl;

    exports dev.otpnet.process;
    exports dev.otpnet.inet;
    exports dev.otpnet.packet;
    exports dev.otpnet.etf;
    exports dev.otpnet.tcp;
    exports dev.otpnet.ssl;
    exports dev.otpnet.socket;
    exports dev.otpnet.otp;
    exports dev.otpnet.listener;
}
