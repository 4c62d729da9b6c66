package dev.spoq.cloud.provisioning;

import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
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

    /**
     * The container, its row locked until the caller's transaction ends: every status change reads
     * the current state under this lock, so two changes never overwrite each other (a suspend and a
     * provisioning attempt that finishes at the same moment are applied one after the other, and the
     * second sees the first).
     */
    public Optional<Container> findForChange(UUID containerId) {
        return Optional.ofNullable(em.find(Container.class, containerId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** {@link #findForChange}, or a not-found problem on {@code container_id}. */
    public Container requireForChange(UUID containerId) {
        return findForChange(containerId).orElseThrow(() -> SpoqProblem.notFound("container_id", "No such container."));
    }

    /** The computers that should be running now (the idle watch looks at these). */
    public List<Container> running() {
        return em.createQuery("SELECT c FROM Container c WHERE c.status = :running", Container.class)
                .setParameter("running", ContainerStatus.RUNNING).getResultList();
    }

    /** Every container ever made, deleted ones included: a deleted one may still have a service to remove. */
    public List<Container> all() {
        return em.createQuery("SELECT c FROM Container c", Container.class).getResultList();
    }
}
