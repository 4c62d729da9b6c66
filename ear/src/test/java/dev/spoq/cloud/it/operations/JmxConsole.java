package dev.spoq.cloud.it.operations;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A real JMX client, as an operator's jconsole is one: javax.management.remote with Liberty's REST connector client
 * (wlp/clients/restConnector.jar, loaded here rather than put on the test class path), over HTTPS to the operator
 * endpoint, trusting exactly the IT server's own self-signed certificate (read from its keystore) and logging in as
 * the JMX user the IT server was given.
 */
final class JmxConsole implements AutoCloseable {

    private final JMXConnector connector;
    final MBeanServerConnection server;

    private JmxConsole(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    static JmxConsole connect() throws IOException {
        return connect(System.getProperty("spoq.it.jmx.user"), System.getProperty("spoq.it.jmx.password"));
    }

    static JmxConsole connect(String user, String password) throws IOException {
        Map<String, Object> environment = new HashMap<>();
        environment.put(JMXConnector.CREDENTIALS, new String[]{user, password});
        environment.put(JMXConnectorFactory.PROTOCOL_PROVIDER_PACKAGES, "com.ibm.ws.jmx.connector.client");
        environment.put(JMXConnectorFactory.PROTOCOL_PROVIDER_CLASS_LOADER, CLIENT);
        environment.put("com.ibm.ws.jmx.connector.client.CUSTOM_SSLSOCKETFACTORY", serverCertificateOnly().getSocketFactory());
        // the generated certificate names the machine, not 127.0.0.1; the trust above is pinned to it all the same
        environment.put("com.ibm.ws.jmx.connector.client.disableURLHostnameVerification", Boolean.TRUE);
        environment.put("com.ibm.ws.jmx.connector.client.rest.readTimeout", 60_000);
        return new JmxConsole(JMXConnectorFactory.connect(url(), environment));
    }

    static JMXServiceURL url() throws IOException {
        URI operator = URI.create(System.getProperty("spoq.it.operator-url", "http://127.0.0.1:19081"));
        // liberty-config/server.xml: the operator endpoint's HTTPS port is its HTTP port + 1
        return new JMXServiceURL("service:jmx:rest://127.0.0.1:" + (operator.getPort() + 1) + "/IBMJMXConnectorREST");
    }

    static ObjectName name(String type) {
        try {
            return new ObjectName("dev.spoq.cloud:type=" + type);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Object invoke(String type, String operation, String argument) throws Exception {
        return server.invoke(name(type), operation, new Object[]{argument}, new String[]{String.class.getName()});
    }

    Object invoke(String type, String operation) throws Exception {
        return server.invoke(name(type), operation, new Object[0], new String[0]);
    }

    Object attribute(String type, String attribute) throws Exception {
        return server.getAttribute(name(type), attribute);
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }

    private static final ClassLoader CLIENT = restConnectorClient();

    private static ClassLoader restConnectorClient() {
        Path jar = Path.of(System.getProperty("spoq.it.liberty.clients", "target/liberty/wlp/clients"), "restConnector.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Liberty's REST connector client is missing: " + jar);
        }
        try {
            return new URLClassLoader(new URL[]{jar.toUri().toURL()}, JmxConsole.class.getClassLoader());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** TLS that trusts the certificate in the IT server's generated keystore and nothing else. */
    private static SSLContext serverCertificateOnly() throws IOException {
        Path serverDir = Path.of(System.getProperty("spoq.it.server.dir", "target/liberty/wlp/usr/servers/spoq-it"));
        Properties env = new Properties();
        try (InputStream in = Files.newInputStream(serverDir.resolve("server.env"))) {
            env.load(in);
        }
        String password = env.getProperty("keystore_password");
        if (password == null) {
            throw new IllegalStateException("no keystore_password in " + serverDir.resolve("server.env"));
        }
        try (InputStream in = Files.newInputStream(serverDir.resolve("resources/security/key.p12"))) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keys);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the IT server's keystore", e);
        }
    }
}
