package dev.otpnet.etf;

/** Range checks shared by the identifier records. */
final class Words {
    private Words() {
    }

    static void requireU32(String what, long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " is an unsigned 32-bit value; " + value + " is out of range");
        }
    }
}
