package im.parley.cli;

import im.parley.ParleyServer;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"Parley " + ParleyServer.version()};
    }
}
