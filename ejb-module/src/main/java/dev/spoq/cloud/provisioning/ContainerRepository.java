package dev.spoq.cloud.provisioning;

import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The one place that finds containers; each find joins the caller's transaction. */
@Stateless
public class ContainerRepository {

    @PersistenceContext
    EntityManager em;

    /** A user has at most one container, from the moment they claim a subdomain. */
    public Optional<Container> ofUser(UUID userId) {
        return em.createNamedQuery("Container.ofUser", Container.class).setParameter("userId", userId)
                .getResultStream().findFirst();
    }

    public Optional<Container> find(UUID containerId) {
        return Optional.ofNullable(em.find(Container.class, containerId));
    }

    /** @throws SpoqProblem not found, on the field {@code container_id} */
    public Container require(UUID containerId) {
        return find(containerId).orElseThrow(() -> SpoqProblem.notFound("container_id", "No such container."));
    }

    /** Every container ever made, deleted ones included: a deleted one may still have a service to remove. */
    public List<Container> all() {
        return em.createQuery("SELECT c FROM Container c", Container.class).getResultList();
    }
}
