package gale.balancer.internal.http1;

/**
 * Splits a header section into field lines and classifies each (RFC 9112 §5): a line the balancer would forward in a
 * form a target could read differently is dropped, folded into its field, or marks the head as unforwardable, and
 * {@link HeaderFields#note} records why. NUL and a CR that does not end a line make the head Severe: a target may end
 * a line there.
 */
final class FieldLines {
    private final HeaderFields f;
    private final byte[] raw;
    /** The field the last line added, or -1 when it added none: where an obs-fold line would go. */
    private int previous = -1;

    private FieldLines(HeaderFields f) {
        this.f = f;
        this.raw = f.raw;
    }

    /** Reads the field lines of {@code f.raw} from {@code from} up to its empty line. */
    static void read(HeaderFields f, int from) {
        FieldLines lines = new FieldLines(f);
        byte[] raw = f.raw;
        int pos = from;
        while (true) {
            int lf = HeaderFields.indexOf(raw, pos, (byte) '\n');
            boolean crlf = lf > pos && raw[lf - 1] == '\r';
            int end = crlf ? lf - 1 : lf;
            if (!crlf) {
                f.note(DesyncReason.NON_CRLF_LINE_TERMINATION);
            }
            if (end == pos) {
                return; // the empty line
            }
            lines.line(pos, end);
            pos = lf + 1;
        }
    }

    private void line(int start, int end) {
        for (int i = start; i < end; i++) {
            if (raw[i] == 0 || raw[i] == '\r') {
                f.irregular(DesyncReason.BAD_HEADER);
                previous = -1;
                return;
            }
        }
        if (raw[start] == ' ' || raw[start] == '\t') {
            fold(start, end);
            return;
        }
        previous = -1;
        int colon = start;
        boolean token = true;
        while (colon < end && raw[colon] != ':') {
            token &= FieldKinds.isToken(raw[colon]);
            colon++;
        }
        if (colon == end) {
            f.irregular(DesyncReason.MISSING_HEADER_COLON);
            return;
        }
        if (colon == start) {
            f.irregular(DesyncReason.EMPTY_HEADER);
            return;
        }
        if (!token) {
            f.irregular(
                    framingLookalike(start, colon)
                            ? DesyncReason.SUSPICIOUS_HEADER
                            : DesyncReason.NON_COMPLIANT_HEADER);
            return;
        }
        int vs = colon + 1;
        while (vs < end && (raw[vs] == ' ' || raw[vs] == '\t')) {
            vs++;
        }
        int ve = end;
        while (ve > vs && (raw[ve - 1] == ' ' || raw[ve - 1] == '\t')) {
            ve--;
        }
        byte kind = FieldKinds.of(raw, start, colon - start);
        if (f.request && kind == FieldKinds.OTHER && colon - start >= 14 && framingLookalike(start, colon)) {
            f.irregular(DesyncReason.SUSPICIOUS_HEADER); // Transfer_Encoding: a gateway may map _ to -
            return;
        }
        if (controls(vs, ve) && kind != FieldKinds.CONTENT_LENGTH && kind != FieldKinds.TRANSFER_ENCODING) {
            f.irregular(DesyncReason.NON_COMPLIANT_HEADER); // framing fields are judged on their value
            return;
        }
        previous = f.add(start, colon, vs, ve, kind);
    }

    /** An obs-fold line: joined to an ordinary field; refused on a field the balancer reads. */
    private void fold(int start, int end) {
        if (previous < 0) {
            f.irregular(DesyncReason.MULTILINE_HEADER); // continues a dropped line, or no line at all
            return;
        }
        if (f.kind(previous) != FieldKinds.OTHER && f.kind(previous) != FieldKinds.FOLDED) {
            f.irregular(DesyncReason.FOLDED_SPECIAL_HEADER);
            previous = -1;
            return;
        }
        int ve = end;
        while (ve > start && (raw[ve - 1] == ' ' || raw[ve - 1] == '\t')) {
            ve--;
        }
        if (controls(start, ve)) {
            f.irregular(DesyncReason.NON_COMPLIANT_HEADER);
            f.drop(previous);
            previous = -1;
            return;
        }
        f.irregular(DesyncReason.MULTILINE_HEADER);
        f.fold(previous, ve);
    }

    private boolean controls(int from, int to) {
        for (int i = from; i < to; i++) {
            int c = raw[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the name's letters alone, lower-cased, spell Transfer-Encoding or Content-Length: a parser that
     * trims, drops or maps the other characters ({@code Transfer-Encoding }, {@code Transfer_Encoding}) would frame
     * the body by it.
     */
    private boolean framingLookalike(int start, int end) {
        return spells(start, end, "transferencoding") || spells(start, end, "contentlength");
    }

    private boolean spells(int start, int end, String letters) {
        int k = 0;
        for (int i = start; i < end; i++) {
            int c = raw[i] | 0x20;
            if (c >= 'a' && c <= 'z') {
                if (k == letters.length() || c != letters.charAt(k)) {
                    return false;
                }
                k++;
            }
        }
        return k == letters.length();
    }
}
