package gale.loadgen.convert;

import java.util.LinkedHashMap;
import java.util.Map;

/** JMeter's timers as think steps: constant, uniform, Gaussian (normal) and Poisson, delays in milliseconds. */
final class Timers {

    private Timers() {}

    static Map<String, Object> of(JmxElement e, Scope scope, JmxConverter converter) {
        long delay = number(scope.expand(e.prop("ConstantTimer.delay", "0")), e, converter);
        long range = number(scope.expand(e.prop("RandomTimer.range", "0")), e, converter);
        Object think = switch (e.testClass()) {
            case "ConstantTimer" -> delay + "ms";
            case "UniformRandomTimer" -> Map.of("uniform", ordered("min", delay + "ms", "max", delay + range + "ms"));
            case "GaussianRandomTimer" -> Map.of("normal", ordered("mean", delay + "ms", "stddev", range + "ms"));
            default -> {
                converter.note(e.path() + ": Poisson timer (offset " + delay + " ms, lambda " + range
                        + " ms) as exponential pauses of mean " + (delay + range) + " ms");
                yield Map.of("poisson", Map.of("mean", delay + range + "ms"));
            }
        };
        return Map.of("think", think);
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    static long number(String text, JmxElement e, JmxConverter converter) {
        try {
            return Math.round(Double.parseDouble(text.trim()));
        } catch (NumberFormatException ex) {
            converter.note(e.path() + ": '" + text + "' is not a number, 0 used");
            return 0;
        }
    }
}
