package dev.otpnet.ssl;

/** Printing of Java values the way Erlang's {@code ~p} prints the matching terms. */
final class ErlangTerms {
    private ErlangTerms() {
    }

    /** A string as an Erlang string literal: {@code "a\nb"} with the escapes Erlang uses. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append('\\').append(Integer.toOctalString(c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** An atom, quoted when Erlang would quote it. */
    static String atom(String a) {
        boolean plain = !a.isEmpty() && Character.isLowerCase(a.charAt(0));
        for (int i = 0; i < a.length() && plain; i++) {
            char c = a.charAt(i);
            plain = Character.isLetterOrDigit(c) || c == '_' || c == '@';
        }
        return plain ? a : "'" + a.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
