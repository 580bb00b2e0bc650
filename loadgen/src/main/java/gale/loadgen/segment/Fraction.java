package gale.loadgen.segment;

import gale.loadgen.plan.PlanException;
import java.math.BigDecimal;

/** A rational number in [0, 1], as k6 writes segment bounds: {@code 1/3}, {@code 0.25} or {@code 25%}. */
public record Fraction(long numerator, long denominator) implements Comparable<Fraction> {

    public static final Fraction ZERO = new Fraction(0, 1);
    public static final Fraction ONE = new Fraction(1, 1);

    public Fraction {
        if (denominator <= 0 || numerator < 0 || numerator > denominator) {
            throw new PlanException(
                    "execution segment: " + numerator + "/" + denominator + " (expected: a fraction from 0 to 1)");
        }
        long g = gcd(numerator, denominator);
        numerator /= g;
        denominator /= g;
    }

    public static Fraction parse(String text) {
        String t = text.strip();
        try {
            if (t.endsWith("%")) {
                return decimal(new BigDecimal(t.substring(0, t.length() - 1)).movePointLeft(2), text);
            }
            int slash = t.indexOf('/');
            if (slash >= 0) {
                return new Fraction(
                        Long.parseLong(t.substring(0, slash).strip()),
                        Long.parseLong(t.substring(slash + 1).strip()));
            }
            return decimal(new BigDecimal(t), text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new PlanException("execution segment: '" + text + "' (expected: a fraction like 1/4, 0.25 or 25%)");
        }
    }

    private static Fraction decimal(BigDecimal d, String text) {
        BigDecimal scaled = d.stripTrailingZeros();
        int scale = Math.max(0, scaled.scale());
        if (scale > 15) {
            throw new PlanException("execution segment: '" + text + "' (expected: at most 15 decimals)");
        }
        return new Fraction(
                scaled.movePointRight(scale).longValueExact(),
                BigDecimal.TEN.pow(scale).longValueExact());
    }

    Fraction minus(Fraction other) {
        return new Fraction(
                numerator * other.denominator - other.numerator * denominator, denominator * other.denominator);
    }

    @Override
    public int compareTo(Fraction o) {
        return Long.compare(numerator * o.denominator, o.numerator * denominator);
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }

    @Override
    public String toString() {
        return denominator == 1 ? String.valueOf(numerator) : numerator + "/" + denominator;
    }
}
