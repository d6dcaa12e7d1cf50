package org.twgate.gateway.cli;

import picocli.CommandLine;

/** The version from the jar manifest, or "development" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Twgate.class.getPackage().getImplementationVersion();
        return new String[] {"twgate " + (v == null ? "development" : v)};
    }
}
