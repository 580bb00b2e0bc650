package gale.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar's manifest. */
final class GaleVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Gale.class.getPackage().getImplementationVersion();
        return new String[] {"gale " + (version == null ? "(development build)" : version)};
    }
}
