package dev.spoq.cloud.web.pages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Facts every page may show: the base domain of users' addresses and the per-computer limits. */
@Named
@ApplicationScoped
public class Site {

    @Inject
    @ConfigProperty(name = "spoq.domain", defaultValue = "spoq.dev")
    String domain;

    @Inject
    @ConfigProperty(name = "spoq.container.cpus", defaultValue = "1")
    String cpus;

    @Inject
    @ConfigProperty(name = "spoq.container.memory", defaultValue = "2g")
    String memory;

    @Inject
    @ConfigProperty(name = "spoq.container.storage", defaultValue = "10g")
    String storage;

    public String getDomain() {
        return domain;
    }

    public String getCpus() {
        return cpus;
    }

    /** "2g" reads "2 GB". */
    public String getMemory() {
        return words(memory);
    }

    public String getStorage() {
        return words(storage);
    }

    public long storageBytes() {
        return bytes(storage);
    }

    static String words(String size) {
        String s = size.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.endsWith("g")) {
            return s.substring(0, s.length() - 1) + " GB";
        }
        if (s.endsWith("m")) {
            return s.substring(0, s.length() - 1) + " MB";
        }
        return s;
    }

    static long bytes(String size) {
        try {
            String s = size.strip().toLowerCase(java.util.Locale.ROOT);
            long unit = switch (s.charAt(s.length() - 1)) {
                case 'k' -> 1024L;
                case 'm' -> 1024L * 1024;
                case 'g' -> 1024L * 1024 * 1024;
                case 't' -> 1024L * 1024 * 1024 * 1024;
                default -> 1L;
            };
            String number = unit == 1 ? s : s.substring(0, s.length() - 1);
            return (long) (Double.parseDouble(number) * unit);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
