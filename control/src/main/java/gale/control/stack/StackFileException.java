package gale.control.stack;

/**
 * A stack file that cannot be accepted, with the place and the field: {@code stack.yaml:7:5:
 * targetGroups.web.healthCheck.interval: "2x" (expected: a duration like 2s or 500ms)}.
 */
public final class StackFileException extends IllegalArgumentException {

    private final String file;
    private final int line;
    private final int column;
    private final String field;
    private final String problem;

    public StackFileException(String file, int line, int column, String field, String problem) {
        super(format(file, line, column, field, problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field;
        this.problem = problem;
    }

    private static String format(String file, int line, int column, String field, String problem) {
        String place = line > 0 ? file + ":" + line + ":" + column : file;
        return place + ": " + (field.isEmpty() ? "" : field + ": ") + problem;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The field path, like {@code targetGroups.web.healthCheck.interval}; empty for the whole file. */
    public String field() {
        return field;
    }

    /** The problem without the place, like {@code "2x" (expected: a duration like 2s or 500ms)}. */
    public String problem() {
        return problem;
    }
}
