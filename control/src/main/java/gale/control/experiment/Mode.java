package gale.control.experiment;

/**
 * Which of a {@code {short: X, full: Y}} value an experiment runs with: short by default (a minute or so, what CI
 * runs), full with {@code --full} (the seed's own durations and counts).
 */
public enum Mode {
    SHORT,
    FULL;

    /** The key of a {@code {short: X, full: Y}} mapping this mode picks. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
