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
