package org.twgate.gateway.notify;

/** What the deliver stage sends for a message on its way to a final route. */
public sealed interface ContentHandling {
    /** The stored message, unchanged. */
    record Pass() implements ContentHandling {
    }

    /** Something else in its place: a converted report or notice. */
    record Replace(byte[] content, String why) implements ContentHandling {
    }

    /** Nothing: the recipients count as delivered (a relayed report under policy 2). */
    record Drop(String why) implements ContentHandling {
    }

    ContentHandling PASS = new Pass();
}
