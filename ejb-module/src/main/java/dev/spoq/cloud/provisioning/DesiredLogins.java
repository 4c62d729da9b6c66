package dev.spoq.cloud.provisioning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Linux logins a user's container must have: one per profile, with the keys of that profile's
 * devices, plus the SSH gateway's own key (the gateway logs in upstream with it; it never holds a
 * user's private key). Profiles removed longer ago than they keep their home ({@code removed_profiles}) are
 * listed for their home's removal.
 */
@ApplicationScoped
public class DesiredLogins {

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "spoq.gateway.upstream-public-key-file")
    Optional<String> gatewayKeyFile;

    public LoginsState of(UUID userId) {
        @SuppressWarnings("unchecked")
        List<String> homesDue = em.createNativeQuery("SELECT username FROM removed_profiles WHERE user_id = CAST(?1 AS uuid) "
                        + "AND keep_home_until <= now() ORDER BY username")
                .setParameter(1, userId.toString()).getResultList();
        List<LinuxLogin> logins = logins(userId);
        // a name in use again is a login (its old home came back with it), never a home to remove
        List<String> removals = homesDue.stream()
                .filter(name -> logins.stream().noneMatch(login -> login.username().equals(name))).toList();
        return new LoginsState(logins, removals);
    }

    private List<LinuxLogin> logins(UUID userId) {
        Map<String, List<String>> keysByUser = new LinkedHashMap<>();
        Optional<String> gatewayKey = gatewayKey();
        List<Object[]> profiles = em.createQuery(
                        "SELECT p.id, p.username FROM Profile p WHERE p.userId = :u ORDER BY p.createdAt", Object[].class)
                .setParameter("u", userId).getResultList();
        for (Object[] profile : profiles) {
            List<String> keys = new ArrayList<>(em.createQuery(
                            "SELECT k.publicKey FROM DeviceKey k WHERE k.profileId = :p ORDER BY k.fingerprint", String.class)
                    .setParameter("p", profile[0]).getResultList());
            gatewayKey.ifPresent(keys::add);
            keysByUser.put((String) profile[1], keys);
        }
        return keysByUser.entrySet().stream().map(e -> new LinuxLogin(e.getKey(), e.getValue())).toList();
    }

    private Optional<String> gatewayKey() {
        return gatewayKeyFile.map(Path::of).filter(Files::exists).map(path -> {
            try {
                return Files.readString(path).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the gateway's public key " + path, e);
            }
        });
    }
}
