/**
 * otpnet: Erlang/OTP's networking model for Java.
 *
 * <p>One exported package per Erlang module ({@code dev.otpnet.process}, {@code dev.otpnet.inet},
 * {@code dev.otpnet.packet}, {@code dev.otpnet.tcp}, {@code dev.otpnet.ssl}); everything under
 * {@code dev.otpnet.internal} is implementation and not exported.
 */
module dev.otpnet {
    requires java.logging;
    requires jdk.net;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    // exports dev.otpnet.process;  (restore once the package has a class: javac refuses to export an empty package)
    exports dev.otpnet.inet;
    exports dev.otpnet.packet;
    // exports dev.otpnet.tcp;  (restore once the package has a class: javac refuses to export an empty package)
    exports dev.otpnet.ssl;
}
