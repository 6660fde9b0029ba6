package dev.otpnet.etf;

/**
 * An Erlang term, as {@code binary_to_term/1} gives it and {@code term_to_binary/1} takes it.
 *
 * <p>Each kind of term is a record or a small final class, so a receiver matches on it with a
 * pattern switch, the way an Erlang {@code receive} matches on shapes:
 *
 * <pre>{@code
 * switch (Terms.binaryToTerm(packet)) {
 *     case Tuple t when t.is("add", 3) && t.get(1) instanceof Int(long a) && t.get(2) instanceof Int(long b) -> ...
 *     case Binary(Bytes text) -> ...
 *     case ErlList(var elements) -> ...
 *     case Atom a when a == Atom.of("stop") -> ...
 *     default -> ...
 * }
 * }</pre>
 *
 * <table>
 *   <caption>Erlang types and their Java records</caption>
 *   <tr><th>Erlang</th><th>Java</th></tr>
 *   <tr><td>atom</td><td>{@link Atom} (interned: compare with {@code ==})</td></tr>
 *   <tr><td>integer</td><td>{@link Int} (fits a {@code long}) or {@link BigInt} (does not)</td></tr>
 *   <tr><td>float</td><td>{@link ErlFloat}</td></tr>
 *   <tr><td>binary</td><td>{@link Binary} over {@link dev.otpnet.inet.Bytes}</td></tr>
 *   <tr><td>bitstring (not a whole number of bytes)</td><td>{@link BitString}</td></tr>
 *   <tr><td>tuple</td><td>{@link Tuple}</td></tr>
 *   <tr><td>proper list, {@code []}, string</td><td>{@link ErlList}</td></tr>
 *   <tr><td>improper list {@code [H|T]}</td><td>{@link ImproperList}</td></tr>
 *   <tr><td>map</td><td>{@link ErlMap}</td></tr>
 *   <tr><td>pid, reference, port</td><td>{@link ErlPid}, {@link ErlRef}, {@link ErlPort}</td></tr>
 *   <tr><td>fun</td><td>{@link ErlFun} (opaque: carried, never run)</td></tr>
 * </table>
 *
 * <p>Every term is immutable, has value equality (Erlang's {@code =:=}, except that {@code 0.0}
 * and {@code -0.0} differ, as in OTP 27) and prints as Erlang's {@code ~w} would.
 */
public sealed interface Term
        permits Atom, Int, BigInt, ErlFloat, Binary, BitString, Tuple, ErlList, ImproperList, ErlMap,
                ErlPid, ErlRef, ErlPort, ErlFun {
}
