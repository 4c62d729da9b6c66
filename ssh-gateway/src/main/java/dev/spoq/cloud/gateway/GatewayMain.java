package dev.spoq.cloud.gateway;

import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code java -jar spoq-ssh-gateway.jar}: configuration from system properties and the environment. */
public final class GatewayMain {
    private static final Logger LOG = Logger.getLogger(GatewayMain.class.getName());

    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            // one line per record, so that log collectors keep a record together
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        }
        if (System.getProperty("java.util.logging.config.file") == null) {
            // MINA logs every client hiccup at INFO/WARN; an operator wants the gateway's own lines
            Logger.getLogger("org.apache.sshd").setLevel(Level.SEVERE);
        }
        GatewayConfig config;
        try {
            config = GatewayConfig.fromSystem();
        } catch (RuntimeException e) {
            LOG.severe("Cannot start the SSH gateway: " + e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("Starting with " + config);
        SshGateway gateway = new SshGateway(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Error while stopping", e);
            } finally {
                stopped.countDown();
            }
        }, "gateway-shutdown"));
        stopped.await();
    }
}
