/**
 * The small value syntaxes of the configuration: durations, sizes, IP literals and
 * listening addresses.
 *
 * <p>Takes text; hands on typed values, or throws {@link org.twgate.config.syntax.BadValue}
 * whose message quotes the text. Never consults DNS.
 */
package org.twgate.config.syntax;
