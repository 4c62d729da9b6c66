package dev.spoq.cloud.admin;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts the operators' MBeans on the platform MBean server while the application runs, where Liberty's REST connector
 * (restConnector feature, liberty-config/server.xml) serves them to jconsole or any JMX client: dev.spoq.cloud:type=
 * Accounts, Computers and Provisioning.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class JmxAdmin {

    private static final Logger LOG = Logger.getLogger(JmxAdmin.class.getName());
    public static final String DOMAIN = "dev.spoq.cloud";

    @Inject
    AdminOperations operations;

    private final List<ObjectName> registered = new ArrayList<>();

    @PostConstruct
    void register() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Object> beans = Map.of("Accounts", new Accounts(operations), "Computers", new Computers(operations),
                "Provisioning", new Provisioning(operations));
        beans.forEach((type, bean) -> {
            try {
                ObjectName name = new ObjectName(DOMAIN + ":type=" + type);
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name); // left by an earlier start of the application that did not stop cleanly
                }
                server.registerMBean(bean, name);
                registered.add(name);
            } catch (JMException e) {
                LOG.log(Level.WARNING, "Could not register the " + type + " MBean", e);
            }
        });
        LOG.info(() -> "Operator MBeans registered: " + registered);
    }

    @PreDestroy
    void unregister() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                LOG.log(Level.FINE, "MBean " + name + " was already gone", e);
            }
        }
        registered.clear();
    }
}
