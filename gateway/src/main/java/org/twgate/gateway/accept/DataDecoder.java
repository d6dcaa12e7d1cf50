package org.twgate.gateway.accept;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import org.twgate.gateway.text.LineBreaks;

/**
 * Decodes the bytes a client sends after {@code 354}: finds the end of data, removes
 * dot-stuffing, makes every line end in CRLF, and checks the limits. Works on whatever pieces
 * the network delivers; no line is ever buffered whole, so a 70,000-octet line costs nothing.
 *
 * <p>The end of data is {@code <CRLF>.<CRLF>} and nothing else. {@code <LF>.<CR><LF>},
 * {@code <CR><LF>.<LF>} or a line {@code .a<LF>} never end a message (RFC 5321 §4.1.1.4;
 * "SMTP smuggling"). A line ending in a bare LF is stored with CRLF ({@code normalize}) or makes
 * the message refused ({@code reject}); a lone {@code .} line that did not end the data is kept
 * as content and will be dot-stuffed again on the way out, so it cannot end a message
 * downstream either. A bare CR inside a line is content in {@code normalize} mode; in
 * {@code reject} mode a NUL refuses the message too (RFC 5322 never allows one), so none of the
 * malformed endings SMTP-smuggling tools try ({@code <CR><LF>.<NUL><CR><LF>} among them) gets in.
 */
final class DataDecoder {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';
    private static final byte[] CRLF = {CR, LF};
    private static final byte[] RECEIVED = "received:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private enum State { LINE_START, DOT_AT_START, DOT_CR, IN_LINE, CR_SEEN }

    private final DataLimits limits;
    private State state = State.LINE_START;
    private boolean previousLineEndedCrlf = true;
    private long size;
    private long lineLength;
    private long lineNumber = 1;
    private boolean inHeaders = true;
    private final byte[] linePrefix = new byte[RECEIVED.length];
    private int prefixLength;
    private int receivedHeaders;
    private DataVerdict verdict = DataVerdict.ACCEPTABLE;

    DataDecoder(DataLimits limits) {
        this.limits = limits;
    }

    /**
     * Consumes bytes from {@code in}, appending decoded content to {@code out}.
     *
     * @return true once the end of data has been consumed; bytes after it stay in {@code in}
     */
    boolean decode(ByteBuf in, ByteBuf out) {
        while (in.isReadable()) {
            if (state == State.IN_LINE) {
                copyRun(in, out);
                continue;
            }
            byte b = in.readByte();
            switch (state) {
                case LINE_START -> {
                    if (b == DOT) {
                        state = State.DOT_AT_START;
                    } else {
                        inLine(b, out);
                    }
                }
                case DOT_AT_START -> {
                    if (b == CR) {
                        state = State.DOT_CR;
                    } else if (b == LF) {
                        // ".<LF>": not the end of data; keep the lone dot as content.
                        emit(out, DOT);
                        endLine(out, false);
                    } else {
                        inLine(b, out); // a stuffed line: the leading dot goes
                    }
                }
                case DOT_CR -> {
                    if (b == LF) {
                        if (previousLineEndedCrlf) {
                            state = State.LINE_START;
                            return true;
                        }
                        // "<LF>.<CR><LF>": the lone dot is content.
                        emit(out, DOT);
                        endLine(out, true);
                    } else {
                        bareCr(out);
                        inLine(b, out);
                    }
                }
                case CR_SEEN -> {
                    if (b == LF) {
                        endLine(out, true);
                    } else {
                        bareCr(out);
                        inLine(b, out);
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return false;
    }

    /** Handles one byte inside a line (never after a pending CR). */
    private void inLine(byte b, ByteBuf out) {
        if (b == CR) {
            state = State.CR_SEEN;
        } else if (b == LF) {
            endLine(out, false);
        } else {
            state = State.IN_LINE;
            emit(out, b);
        }
    }

    /**
     * The fast path: copies a run of ordinary bytes up to the next CR or LF in one go. In the
     * body the run goes on through every proper CRLF whose next line does not start with a dot,
     * so a plain body is copied a network read at a time, not a line at a time; whatever needs
     * care (a dot at a line start, a bare CR or LF, a line break at the end of what has arrived,
     * the header section) stops the run and goes through the state machine.
     */
    private void copyRun(ByteBuf in, ByteBuf out) {
        long firstLine = lineNumber;
        int start = in.readerIndex();
        int limit = in.writerIndex();
        int pos = start;
        int stop;
        while (true) {
            stop = nextLineBreak(in, pos, limit);
            if (stop < 0) {
                lineLength += limit - pos;
                pos = limit;
                break;
            }
            lineLength += stop - pos;
            if (inHeaders || stop + 2 >= limit || octet(in, stop) != CR || octet(in, stop + 1) != LF
                    || octet(in, stop + 2) == DOT) {
                pos = stop;
                break;
            }
            bodyLineEnded();
            pos = stop + 2;
        }
        int length = pos - start;
        if (length > 0) {
            if (limits.rejectBareLineEndings()) {
                checkNul(in, start, pos, firstLine);
            }
            if (inHeaders) {
                notePrefix(in, start, length);
            }
            size += length;
            if (writable(out)) {
                out.writeBytes(in, start, length);
            }
            in.readerIndex(pos);
        }
        if (stop >= 0) {
            byte b = in.readByte();
            if (b == CR) {
                state = State.CR_SEEN;
            } else {
                endLine(out, false);
            }
        }
    }

    /**
     * The first CR or LF in {@code [from, to)} of {@code in}, or -1: one scan per line. The
     * framer's buffer is on the heap, so this reads its array eight octets at a time; a direct
     * buffer is read through Netty, whose every call checks the buffer is still live.
     */
    private static int nextLineBreak(ByteBuf in, int from, int to) {
        if (in.hasArray()) {
            int base = in.arrayOffset();
            int found = LineBreaks.next(in.array(), base + from, base + to);
            return found < 0 ? -1 : found - base;
        }
        return in.forEachByte(from, to - from, ByteProcessor.FIND_CRLF);
    }

    private static byte octet(ByteBuf in, int index) {
        return in.hasArray() ? in.array()[in.arrayOffset() + index] : in.getByte(index);
    }

    /** A NUL in {@code [start, end)} of a run that began on {@code firstLine} refuses the message. */
    private void checkNul(ByteBuf in, int start, int end, long firstLine) {
        int nul = in.indexOf(start, end, (byte) 0);
        if (nul >= 0) {
            long line = firstLine;
            for (int i = start; i < nul; i++) {
                if (in.getByte(i) == LF) {
                    line++;
                }
            }
            fail(DataVerdict.nul(line));
        }
    }

    /** A body line ended by CRLF inside a run: what {@link #endLine} checks, without the copying. */
    private void bodyLineEnded() {
        if (limits.maxLineLength() > 0 && lineLength > limits.maxLineLength()) {
            fail(DataVerdict.lineTooLong(lineNumber, limits.maxLineLength()));
        }
        previousLineEndedCrlf = true;
        lineLength = 0;
        prefixLength = 0;
        lineNumber++;
    }

    private void bareCr(ByteBuf out) {
        if (limits.rejectBareLineEndings()) {
            fail(DataVerdict.bareLineEnding(lineNumber));
        }
        emit(out, CR);
    }

    private void emit(ByteBuf out, byte b) {
        if (b == 0 && limits.rejectBareLineEndings()) {
            fail(DataVerdict.nul(lineNumber));
        }
        if (prefixLength < linePrefix.length) {
            linePrefix[prefixLength++] = b;
        }
        lineLength++;
        size++;
        if (writable(out)) {
            out.writeByte(b);
        }
    }

    private void notePrefix(ByteBuf in, int start, int length) {
        int take = Math.min(length, linePrefix.length - prefixLength);
        if (take > 0) {
            in.getBytes(start, linePrefix, prefixLength, take);
            prefixLength += take;
        }
    }

    private void endLine(ByteBuf out, boolean crlf) {
        if (!crlf && limits.rejectBareLineEndings()) {
            fail(DataVerdict.bareLineEnding(lineNumber));
        }
        if (limits.maxLineLength() > 0 && lineLength > limits.maxLineLength()) {
            fail(DataVerdict.lineTooLong(lineNumber, limits.maxLineLength()));
        }
        if (inHeaders) {
            if (lineLength == 0) {
                inHeaders = false;
            } else if (prefixLength == RECEIVED.length && startsWithReceived()) {
                receivedHeaders++;
                if (limits.maxReceivedHeaders() > 0 && receivedHeaders > limits.maxReceivedHeaders()) {
                    fail(DataVerdict.tooManyHops(receivedHeaders));
                }
            }
        }
        size += 2;
        if (writable(out)) {
            out.writeBytes(CRLF);
        }
        previousLineEndedCrlf = crlf;
        lineLength = 0;
        prefixLength = 0;
        lineNumber++;
        state = State.LINE_START;
    }

    private boolean startsWithReceived() {
        for (int i = 0; i < RECEIVED.length; i++) {
            if ((linePrefix[i] | 0x20) != RECEIVED[i]) {
                return false;
            }
        }
        return true;
    }

    /** Content stops being kept once the message is known to be refused; only counting goes on. */
    private boolean writable(ByteBuf out) {
        if (verdict.refused()) {
            return false;
        }
        if (limits.maxMessageSize() > 0 && size > limits.maxMessageSize()) {
            fail(DataVerdict.tooBig(limits.maxMessageSize()));
            return false;
        }
        return true;
    }

    private void fail(DataVerdict failure) {
        if (!verdict.refused()) {
            verdict = failure;
        }
    }

    DataVerdict verdict() {
        return verdict;
    }

    int receivedHeaders() {
        return receivedHeaders;
    }
}
