package gale.loadgen.convert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A JMeter Thread Group as a scenario: with the scheduler, {@code users} ramped over {@code ramp_time} and held to
 * {@code duration} (one JMeter row of a ramping-vus plan); without it, {@code loops} iterations per user
 * (per-vu-iterations). Its startup delay, or when groups run consecutively the groups before it, set startTime.
 */
final class ThreadGroups {

    /** A scenario with the thread group's name and how long it runs (for consecutive groups). */
    record Result(String name, Map<String, Object> scenario, long lengthSeconds) {}

    private ThreadGroups() {}

    static Result scenario(JmxElement g, UnaryOperator<String> expand, long serialStart, List<String> notes) {
        String name = g.name().trim().replaceAll("[^A-Za-z0-9_.]+", "-").replaceAll("^-|-$", "");
        if (name.isEmpty()) {
            name = "thread-group";
        }
        long users = number(g, expand, "ThreadGroup.num_threads", 1, notes);
        long ramp = number(g, expand, "ThreadGroup.ramp_time", 0, notes);
        boolean scheduler = Boolean.parseBoolean(g.prop("ThreadGroup.scheduler", "false"));
        long duration = number(g, expand, "ThreadGroup.duration", 0, notes);
        long delay = scheduler ? number(g, expand, "ThreadGroup.delay", 0, notes) : 0;
        long loops = number(g, expand, "LoopController.loops", 1, notes);
        if (Boolean.parseBoolean(g.prop("LoopController.continue_forever", "false")) && loops < 0) {
            loops = -1;
        }
        if (!"continue".equals(g.prop("ThreadGroup.on_sample_error", "continue"))) {
            notes.add(g.path() + ": on sampler error '" + g.prop("ThreadGroup.on_sample_error")
                    + "' — Gale continues the iteration");
        }
        Map<String, Object> s = new LinkedHashMap<>();
        long length;
        if (scheduler && duration > 0) {
            s.put("executor", "ramping-vus");
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("users", users);
            stage.put("rampUp", Math.min(ramp, duration) + "s");
            stage.put("duration", duration + "s");
            s.put("stages", List.of(stage));
            length = delay + duration;
            if (loops > 0) {
                notes.add(g.path() + ": loop count " + loops + " with a duration — Gale runs for the duration");
            }
        } else if (loops > 0) {
            s.put("executor", "per-vu-iterations");
            s.put("vus", users);
            s.put("iterations", loops);
            length = 0;
            if (ramp > 0) {
                notes.add(g.path() + ": ramp-up " + ramp + " s with a loop count — per-vu-iterations starts all "
                        + users + " users at once");
            }
        } else {
            s.put("executor", "constant-vus");
            s.put("vus", users);
            s.put("duration", "10m");
            length = 600;
            notes.add(g.path() + ": loops forever without a duration — converted to 10m of constant-vus");
        }
        long start = serialStart >= 0 ? serialStart : delay;
        if (start > 0) {
            s.put("startTime", start + "s");
        }
        return new Result(name, s, length);
    }

    private static long number(
            JmxElement g, UnaryOperator<String> expand, String key, long otherwise, List<String> notes) {
        String text = expand.apply(g.prop(key, ""));
        if (text == null || text.isEmpty()) {
            return otherwise;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            notes.add(g.path() + ": " + key + " '" + text + "' is not a number, " + otherwise + " used");
            return otherwise;
        }
    }
}
