package dev.otpnet.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: otpnet's version (from the jar's manifest) and the Java running it. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "otpnet " + (v == null ? "(unpackaged build)" : v),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
