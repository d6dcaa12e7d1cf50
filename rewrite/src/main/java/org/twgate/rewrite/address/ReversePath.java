package org.twgate.rewrite.address;

/**
 * The MAIL FROM reverse-path: either the null path {@code <>} (bounces and reports) or a
 * mailbox.
 */
public sealed interface ReversePath permits ReversePath.Null, ReversePath.Mailbox {

    /** The null reverse-path {@code <>}. */
    ReversePath NULL = new Null();

    /** Parses {@code <>} or a forward-path form such as {@code <john@company.com>}. */
    static ReversePath parse(String path) {
        if ("<>".equals(path)) {
            return NULL;
        }
        return new Mailbox(EmailAddress.parseForwardPath(path));
    }

    static ReversePath of(EmailAddress address) {
        return new Mailbox(address);
    }

    /** The path as written in a MAIL command: {@code <>} or {@code <addr>}. */
    String toPath();

    /** The null reverse-path. */
    record Null() implements ReversePath {
        @Override
        public String toPath() {
            return "<>";
        }

        @Override
        public String toString() {
            return "";
        }
    }

    /** A reverse-path naming a mailbox. */
    record Mailbox(EmailAddress address) implements ReversePath {
        public Mailbox {
            if (address == null) {
                throw new IllegalArgumentException("no address; use ReversePath.NULL for <>");
            }
        }

        @Override
        public String toPath() {
            return "<" + address + ">";
        }

        @Override
        public String toString() {
            return address.toString();
        }
    }
}
