package org.twgate.gateway.accept;

/**
 * What the server accepts after DATA.
 *
 * @param maxMessageSize      octets of content, 0 for no limit
 * @param maxLineLength       octets in one line, without its CRLF; 0 for no limit
 * @param maxReceivedHeaders  more {@code Received:} fields than this is a mail loop; 0 disables
 * @param rejectBareLineEndings refuse (rather than normalise) a bare CR or LF
 */
record DataLimits(long maxMessageSize, long maxLineLength, int maxReceivedHeaders, boolean rejectBareLineEndings) {
}
