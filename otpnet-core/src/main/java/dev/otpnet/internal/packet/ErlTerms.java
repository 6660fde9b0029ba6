package dev.otpnet.internal.packet;

import dev.otpnet.inet.Bytes;
import java.util.Set;

/**
 * Prints Erlang terms the way {@code io:format("~p")} does on one line (latin1 printable range, the
 * default of {@code erl} and {@code escript}), so codec results can be compared with Erlang's own output.
 *
 * <p>A list or binary prints as a quoted string when every byte is in the latin1 printable range
 * ({@code $\s..$~}, {@code 160..255}, and {@code \n \r \t \v \b \f \e}); otherwise as numbers.
 * The empty list is {@code []}, the empty binary {@code <<>>}.
 */
public final class ErlTerms {
    private static final Set<String> RESERVED = Set.of("after", "and", "andalso", "band", "begin", "bnot", "bor",
            "bsl", "bsr", "bxor", "case", "catch", "cond", "div", "end", "fun", "if", "let", "not", "of", "or",
            "orelse", "receive", "rem", "try", "when", "xor");

    private ErlTerms() {}

    /** {@code <<"abc">>} or {@code <<1,2,3>>}. */
    public static String binary(Bytes b) {
        StringBuilder sb = new StringBuilder(b.size() + 6).append("<<");
        if (printable(b)) {
            appendQuoted(sb, b);
        } else {
            appendNumbers(sb, b);
        }
        return sb.append(">>").toString();
    }

    /** A byte list: {@code "abc"}, {@code [1,2,3]} or {@code []}. */
    public static String string(Bytes b) {
        if (b.isEmpty()) {
            return "[]";
        }
        StringBuilder sb = new StringBuilder(b.size() + 2);
        if (printable(b)) {
            appendQuoted(sb, b);
            return sb.toString();
        }
        sb.append('[');
        appendNumbers(sb, b);
        return sb.append(']').toString();
    }

    /** An atom, quoted when Erlang would quote it ({@code 'GET'}, {@code '*'}, {@code http_eoh}). */
    public static String atom(String name) {
        if (!name.isEmpty() && name.charAt(0) >= 'a' && name.charAt(0) <= 'z' && !RESERVED.contains(name)
                && name.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '@')) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length() + 2).append('\'');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\'' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('\'').toString();
    }

    /** A packet as Erlang prints it: a {@link Bytes} as a binary, anything else by its {@code toString()}. */
    public static String term(Object packet) {
        return packet instanceof Bytes b ? binary(b) : String.valueOf(packet);
    }

    private static boolean printable(Bytes b) {
        if (b.isEmpty()) {
            return false;
        }
        for (int i = 0; i < b.size(); i++) {
            int c = b.get(i);
            boolean ok = (c >= 0x20 && c <= 0x7e) || c >= 0xa0
                    || c == '\n' || c == '\r' || c == '\t' || c == 0x0b || c == '\b' || c == '\f' || c == 0x1b;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void appendQuoted(StringBuilder sb, Bytes b) {
        sb.append('"');
        for (int i = 0; i < b.size(); i++) {
            int c = b.get(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0x0b -> sb.append("\\v");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case 0x1b -> sb.append("\\e");
                default -> sb.append((char) c);
            }
        }
        sb.append('"');
    }

    private static void appendNumbers(StringBuilder sb, Bytes b) {
        for (int i = 0; i < b.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(b.get(i));
        }
    }
}
