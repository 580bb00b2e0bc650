package gale.control.experiment;

/** When a probe is checked: before the method (Chaos Toolkit's hypothesis check), during it, after it. */
public enum Phase {
    BEFORE,
    DURING,
    AFTER;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
