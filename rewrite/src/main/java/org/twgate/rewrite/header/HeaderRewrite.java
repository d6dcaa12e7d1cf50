package org.twgate.rewrite.header;

import java.util.List;

/** A rewritten header block and the changes made to it (none: the same bytes). */
public record HeaderRewrite(byte[] block, List<HeaderChange> changes) {

    public HeaderRewrite {
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
