package org.twgate.rewrite.header;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the addr-specs in the body of an address-list field (RFC 5322 §3.4) without decoding
 * anything else: it walks quoted strings, nested comments, domain literals, angle brackets and
 * groups, and reports for each mailbox the byte range of its addr-spec. Folding (CRLF followed
 * by white space) counts as white space. Non-ASCII bytes count as atom text (RFC 6532).
 */
final class AddressListScanner {
    /** The byte range [start, end) of one candidate addr-spec. */
    record Span(int start, int end) {
    }

    private final byte[] b;
    private final int end;
    private final List<Span> spans = new ArrayList<>();

    // the current element (one mailbox, or a group's display name)
    private int firstSignificant = -1;
    private int lastSignificant = -1;
    private int angleOpen = -1;
    private int angleClose = -1;
    private boolean malformedElement;

    private AddressListScanner(byte[] b, int end) {
        this.b = b;
        this.end = end;
    }

    /**
     * The candidate addr-specs of the field body {@code b[start, end)}, or null if the body is
     * malformed (an unclosed quote, comment, literal or angle bracket): leave such a field alone.
     */
    static List<Span> scan(byte[] b, int start, int end) {
        AddressListScanner s = new AddressListScanner(b, end);
        return s.run(start) ? s.spans : null;
    }

    private boolean run(int i) {
        while (i < end) {
            int c = b[i] & 0xff;
            switch (c) {
                case ' ', '\t', '\r', '\n' -> i++;
                case '(' -> {
                    i = skipComment(i);
                    if (i < 0) {
                        return false;
                    }
                }
                case '"' -> {
                    int close = skipQuoted(i);
                    if (close < 0) {
                        return false;
                    }
                    significant(i, close);
                    i = close;
                }
                case '[' -> {
                    int close = indexOf(']', i + 1);
                    if (close < 0) {
                        return false;
                    }
                    significant(i, close + 1);
                    i = close + 1;
                }
                case '<' -> {
                    if (angleOpen >= 0) {
                        malformedElement = true; // a second '<' in one mailbox
                    }
                    i = scanAngle(i);
                    if (i < 0) {
                        return false;
                    }
                }
                case '>' -> {
                    malformedElement = true;
                    i++;
                }
                case ',', ';' -> {
                    endElement(true);
                    i++;
                }
                case ':' -> {
                    endElement(false); // what came before was a group's display name
                    i++;
                }
                default -> {
                    significant(i, i + 1);
                    i++;
                }
            }
        }
        endElement(true);
        return true;
    }

    /** Records the angle brackets; quoted strings and literals inside them are skipped whole. */
    private int scanAngle(int open) {
        int i = open + 1;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c == '>') {
                angleOpen = open;
                angleClose = i;
                significant(open, i + 1);
                return i + 1;
            } else if (c == '"') {
                i = skipQuoted(i);
            } else if (c == '[') {
                i = indexOf(']', i + 1);
                i = i < 0 ? -1 : i + 1;
            } else if (c == '(') {
                i = skipComment(i);
            } else if (c == '<') {
                return -1;
            } else {
                i++;
            }
            if (i < 0) {
                return -1;
            }
        }
        return -1;
    }

    private void significant(int from, int to) {
        if (firstSignificant < 0) {
            firstSignificant = from;
        }
        lastSignificant = to;
    }

    private void endElement(boolean mayHoldAddress) {
        if (mayHoldAddress && !malformedElement && firstSignificant >= 0) {
            int s = angleOpen >= 0 ? angleOpen + 1 : firstSignificant;
            int e = angleOpen >= 0 ? angleClose : lastSignificant;
            while (s < e && isWhite(b[s])) {
                s++;
            }
            while (e > s && isWhite(b[e - 1])) {
                e--;
            }
            if (s < e) {
                spans.add(new Span(s, e));
            }
        }
        firstSignificant = -1;
        lastSignificant = -1;
        angleOpen = -1;
        angleClose = -1;
        malformedElement = false;
    }

    /** The index after the closing quote, or -1. */
    private int skipQuoted(int open) {
        for (int i = open + 1; i < end; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The index after the closing parenthesis of a possibly nested comment, or -1. */
    private int skipComment(int open) {
        int depth = 0;
        for (int i = open; i < end; i++) {
            byte c = b[i];
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private int indexOf(char c, int from) {
        for (int i = from; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWhite(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
