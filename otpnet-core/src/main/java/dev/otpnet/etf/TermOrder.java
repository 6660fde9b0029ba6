package dev.otpnet.etf;

import dev.otpnet.inet.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Erlang's term order in its exact form (the one map keys are sorted by, where every integer
 * comes before every float): number &lt; atom &lt; reference &lt; fun &lt; port &lt; pid &lt;
 * tuple &lt; map &lt; nil &lt; list &lt; bitstring. {@code deterministic} encoding sorts map keys
 * with it.
 */
final class TermOrder implements Comparator<Term> {
    static final TermOrder INSTANCE = new TermOrder();

    private TermOrder() {
    }

    private static int rank(Term t) {
        return switch (t) {
            case Int i -> 0;
            case BigInt b -> 0;
            case ErlFloat f -> 1;
            case Atom a -> 2;
            case ErlRef r -> 3;
            case ErlFun f -> 4;
            case ErlPort p -> 5;
            case ErlPid p -> 6;
            case Tuple x -> 7;
            case ErlMap m -> 8;
            case ErlList l -> l.isEmpty() ? 9 : 10;
            case ImproperList l -> 10;
            case Binary b -> 11;
            case BitString b -> 11;
        };
    }

    @Override
    public int compare(Term a, Term b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (a) {
            case Int(long x) -> b instanceof Int(long y) ? Long.compare(x, y) : -((BigInt) b).value().signum();
            case BigInt(BigInteger x) -> b instanceof BigInt(BigInteger y) ? x.compareTo(y) : x.signum();
            case ErlFloat(double x) -> Double.compare(x, ((ErlFloat) b).value());
            case Atom x -> x.compareTo((Atom) b);
            case ErlRef x -> ref(x, (ErlRef) b);
            case ErlFun x -> Terms.termToBinary(x).compareTo(Terms.termToBinary(b));
            case ErlPort x -> port(x, (ErlPort) b);
            case ErlPid x -> pid(x, (ErlPid) b);
            case Tuple x -> tuple(x, (Tuple) b);
            case ErlMap x -> map(x, (ErlMap) b);
            case ErlList x -> list(x.elements(), null, b);
            case ImproperList x -> list(x.elements(), x.tail(), b);
            case Binary(Bytes x) -> bits(x, 8, b);
            case BitString(Bytes x, int lastBits) -> bits(x, lastBits, b);
        };
    }

    private int node(Atom a, long ca, Atom b, long cb) {
        int c = a.compareTo(b);
        return c != 0 ? c : Long.compare(ca, cb);
    }

    private int pid(ErlPid a, ErlPid b) {
        int c = Long.compare(a.serial(), b.serial());
        if (c == 0) {
            c = Long.compare(a.id(), b.id());
        }
        return c != 0 ? c : node(a.node(), a.creation(), b.node(), b.creation());
    }

    private int port(ErlPort a, ErlPort b) {
        int c = node(a.node(), a.creation(), b.node(), b.creation());
        return c != 0 ? c : Long.compareUnsigned(a.id(), b.id());
    }

    private int ref(ErlRef a, ErlRef b) {
        int c = node(a.node(), a.creation(), b.node(), b.creation());
        if (c != 0) {
            return c;
        }
        int len = a.significantWords();
        c = Integer.compare(len, b.significantWords());
        for (int i = len - 1; c == 0 && i >= 0; i--) {
            c = Integer.compareUnsigned(a.word(i), b.word(i));
        }
        return c;
    }

    private int tuple(Tuple a, Tuple b) {
        int c = Integer.compare(a.size(), b.size());
        for (int i = 0; c == 0 && i < a.size(); i++) {
            c = compare(a.get(i), b.get(i));
        }
        return c;
    }

    private int map(ErlMap a, ErlMap b) {
        int c = Integer.compare(a.size(), b.size());
        if (c != 0) {
            return c;
        }
        List<Map.Entry<Term, Term>> x = sorted(a);
        List<Map.Entry<Term, Term>> y = sorted(b);
        for (int i = 0; i < x.size(); i++) {
            c = compare(x.get(i).getKey(), y.get(i).getKey());
            if (c != 0) {
                return c;
            }
        }
        for (int i = 0; i < x.size(); i++) {
            c = compare(x.get(i).getValue(), y.get(i).getValue());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private List<Map.Entry<Term, Term>> sorted(ErlMap m) {
        List<Map.Entry<Term, Term>> l = new ArrayList<>(m.entries().entrySet());
        l.sort(Map.Entry.comparingByKey(this));
        return l;
    }

    /** Lists compare as chains of cons cells: element by element, then tail against what is left. */
    private int list(List<Term> xs, Term xTail, Term other) {
        List<Term> ys = other instanceof ErlList(var e) ? e : ((ImproperList) other).elements();
        Term yTail = other instanceof ImproperList(var e, var t) ? t : null;
        int common = Math.min(xs.size(), ys.size());
        for (int i = 0; i < common; i++) {
            int c = compare(xs.get(i), ys.get(i));
            if (c != 0) {
                return c;
            }
        }
        Term restX = rest(xs, common, xTail);
        Term restY = rest(ys, common, yTail);
        return compare(restX, restY);
    }

    private static Term rest(List<Term> xs, int from, Term tail) {
        List<Term> left = xs.subList(from, xs.size());
        return ImproperList.of(left, tail == null ? ErlList.NIL : tail);
    }

    private int bits(Bytes x, int xBits, Term other) {
        Bytes y = other instanceof Binary(Bytes b) ? b : ((BitString) other).bytes();
        int yBits = other instanceof BitString(var b, int k) ? k : 8;
        int c = x.compareTo(y);
        return c != 0 ? c : Integer.compare(xBits, yBits);
    }
}
