package dev.otpnet.listener;

/** The comparisons of Ranch's {@code wait_for_connections/3}: {@code '=='}, {@code '<'}, {@code '=<'}. */
public enum WaitOp {
    EQ, LT, LE;

    public boolean test(int count, int n) {
        return switch (this) {
            case EQ -> count == n;
            case LT -> count < n;
            case LE -> count <= n;
        };
    }

    @Override
    public String toString() {
        return switch (this) {
            case EQ -> "'=='";
            case LT -> "'<'";
            case LE -> "'=<'";
        };
    }
}
