package dev.spoq.cloud.gateway.support;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a user's container offers the gateway, played by a real MINA sshd on 127.0.0.1: a /bin/sh shell,
 * exec through /bin/sh -c with its real exit status, direct-tcpip forwarding and an sftp subsystem.
 * It accepts only the gateway's upstream key, and only the Linux users it was given.
 */
public final class StandInContainer implements AutoCloseable {
    private final SshServer server;
    private final KeyPair hostKey;
    private final List<String> logins = new CopyOnWriteArrayList<>();
    private final List<String> terminalSizes = new CopyOnWriteArrayList<>();

    public StandInContainer(PublicKey gatewayUpstreamKey, Set<String> linuxUsers, Path sftpRoot)
            throws IOException, GeneralSecurityException {
        hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((username, key, session) -> {
            boolean ok = linuxUsers.contains(username) && KeyUtils.compareKeys(key, gatewayUpstreamKey);
            if (ok) {
                logins.add(username);
            }
            return ok;
        });
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        ProcessShellFactory sh = new ProcessShellFactory("/bin/sh", "/bin/sh");
        server.setShellFactory(channel -> new TerminalSizeRecorder(sh.createShell(channel), terminalSizes));
        server.setCommandFactory((channel, command) -> new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel));
        server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(sftpRoot));
        server.start();
    }

    public int port() {
        return server.getPort();
    }

    /** The host key in authorized_keys form, as the control plane would record it. */
    public String hostKeyLine() {
        return PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** Linux users the gateway logged in as, in order. */
    public List<String> logins() {
        return logins;
    }

    /** Terminal sizes the shells saw: "start COLSxLINES" at start, "change COLSxLINES" at each window change. */
    public List<String> terminalSizes() {
        return terminalSizes;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
