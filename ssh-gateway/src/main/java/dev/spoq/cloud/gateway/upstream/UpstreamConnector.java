package dev.spoq.cloud.gateway.upstream;

import dev.spoq.cloud.gateway.routing.Route;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.core.CoreModuleProperties;

import java.io.IOException;
import java.net.SocketAddress;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Opens the gateway's own SSH connection to a container's sshd, as the profile's Linux user, with the
 * gateway's upstream key. The container must present one of the host keys the control plane recorded for
 * it: anything else is refused (no trust on first use, no accept-all).
 */
public class UpstreamConnector implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UpstreamConnector.class.getName());
    private static final AttributeRepository.AttributeKey<List<PublicKey>> EXPECTED_HOST_KEYS = new AttributeRepository.AttributeKey<>();
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);

    private final SshClient client;
    private final KeyPair upstreamKey;

    public UpstreamConnector(KeyPair upstreamKey) {
        this.upstreamKey = upstreamKey;
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new ExpectedHostKeys());
        // the hop to a computer on our own network: AES-GCM (hardware-accelerated in the JDK) before
        // MINA's pure-Java ChaCha20, and X25519 before the post-quantum hybrid whose key generation
        // cost ~200 ms of CPU per login (both measured with bench/gateway)
        client.setCipherFactories(dev.spoq.cloud.gateway.Crypto.upstreamCiphers());
        client.setMacFactories(dev.spoq.cloud.gateway.Crypto.macs());
        dev.spoq.cloud.gateway.Crypto.sizeChannels(client);
        client.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false,
                java.util.List.of(BuiltinDHFactories.curve25519, BuiltinDHFactories.ecdhp256, BuiltinDHFactories.dhgex256),
                ClientBuilder.DH2KEX));
        // the user's session lives as long as the user wants it: no idle cut, but notice a dead container
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(30));
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 4);
        CoreModuleProperties.SOCKET_KEEPALIVE.set(client, true);
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.start();
    }

    /**
     * Connects and authenticates. Blocks for at most the connect and auth timeouts.
     *
     * @throws IOException when the container cannot be reached, presents an unexpected host key or refuses the
     *                     gateway's key
     */
    public ClientSession connect(Route.Ready route) throws IOException {
        List<PublicKey> expected = parseHostKeys(route.hostKeys() == null ? List.of() : route.hostKeys());
        if (expected.isEmpty()) {
            throw new IOException("The control plane gave no usable host key for " + route.subdomain());
        }
        AttributeRepository context = AttributeRepository.ofKeyValuePair(EXPECTED_HOST_KEYS, expected);
        ClientSession session = client.connect(route.user(), route.host(), route.port(), context)
                .verify(CONNECT_TIMEOUT)
                .getSession();
        try {
            session.addPublicKeyIdentity(upstreamKey);
            session.auth().verify(AUTH_TIMEOUT);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    private static List<PublicKey> parseHostKeys(List<String> lines) {
        List<PublicKey> keys = new ArrayList<>();
        for (String line : lines) {
            try {
                keys.add(PublicKeyEntry.parsePublicKeyEntry(line.strip())
                        .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING));
            } catch (Exception e) {
                LOG.warning("Ignoring an upstream host key the gateway cannot read: " + e.getMessage());
            }
        }
        return keys;
    }

    @Override
    public void close() throws IOException {
        client.stop();
    }

    /** Accepts exactly the keys attached to the connection by {@link #connect(Route.Ready)}. */
    private static final class ExpectedHostKeys implements ServerKeyVerifier {
        @Override
        public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
            AttributeRepository context = session.getConnectionContext();
            List<PublicKey> expected = context == null ? null : context.getAttribute(EXPECTED_HOST_KEYS);
            if (expected != null) {
                for (PublicKey key : expected) {
                    if (KeyUtils.compareKeys(key, serverKey)) {
                        return true;
                    }
                }
            }
            LOG.warning("Container sshd at " + remoteAddress + " presented host key " + KeyUtils.getFingerPrint(serverKey)
                    + ", which is not the one the control plane recorded: connection refused");
            return false;
        }
    }
}
