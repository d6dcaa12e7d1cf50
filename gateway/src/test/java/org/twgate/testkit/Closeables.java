package org.twgate.testkit;

/** Test teardown: servers, gateways and sinks a test started, closed whatever else fails. */
public final class Closeables {
    private Closeables() {
    }

    /**
     * Closes every resource that is not null, in order, even when an earlier one throws (so no
     * port or process is left behind); the first failure is rethrown with the others suppressed.
     */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
