package dev.spoq.cloud.web.internal;

import dev.spoq.cloud.device.AddedDevice;
import dev.spoq.cloud.device.DeviceService;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.profile.Profile;
import dev.spoq.cloud.profile.ProfileService;
import dev.spoq.cloud.provisioning.Container;
import dev.spoq.cloud.provisioning.ContainerLifecycle;
import dev.spoq.cloud.provisioning.ContainerRepository;
import dev.spoq.cloud.provisioning.ObservedContainer;
import dev.spoq.cloud.provisioning.Reconciler;
import dev.spoq.cloud.provisioning.ResourceUsage;
import dev.spoq.cloud.subdomain.SubdomainService;
import dev.spoq.cloud.web.api.JsonRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Container management for operators and billing (the seed's internal API). */
@Path("/internal/containers")
@InternalOnly
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class ContainersResource {

    @Inject
    SubdomainService subdomains;

    @Inject
    ContainerLifecycle lifecycle;

    @Inject
    ContainerRepository containers;

    @Inject
    ProfileService profiles;

    @Inject
    DeviceService devices;

    @Inject
    Reconciler reconciler;

    public record Created(UUID containerId, String subdomain, String status) {
    }

    public record Usage(double cpuPercent, long memoryBytes, long memoryLimitBytes, long storageBytes,
                        long storageLimitBytes) {
        static Usage of(ResourceUsage usage) {
            return new Usage(usage.cpuPercent(), usage.memoryBytes(), usage.memoryLimitBytes(), usage.storageBytes(),
                    usage.storageLimitBytes());
        }
    }

    public record ContainerState(UUID containerId, UUID userId, String subdomain, String status, String reason,
                                 String node, int sshPort, Usage resourceUsage) {
    }

    public record Orphan(String subdomain, String userId, int replicas) {
    }

    @JsonRequest
    public record NewContainer(@Schema(required = true) UUID userId, @Schema(required = true) String subdomain) {
    }

    @JsonRequest
    public record NewLogin(@Schema(required = true) String username, List<String> sshKeys) {
    }

    @JsonRequest
    public record NewKey(@Schema(required = true) String username, @Schema(required = true) String sshKey, String name) {
    }

    @POST
    @Path("/create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user's computer (claims the subdomain for the user)")
    public Response create(NewContainer body) {
        subdomains.claim(body.userId(), body.subdomain());
        Container container = containers.ofUser(body.userId()).orElseThrow();
        return Response.status(Response.Status.CREATED)
                .entity(new Created(container.id(), container.subdomain(), container.status().wireName())).build();
    }

    @POST
    @Path("/{id}/add-user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a Linux user (a profile) with optional keys")
    public Map<String, Object> addUser(@PathParam("id") UUID id, NewLogin body) {
        Container container = containers.require(id);
        String username = body.username();
        Profile profile = profiles.ofUser(container.userId()).stream().filter(p -> p.username().equals(username))
                .findFirst().orElseGet(() -> profiles.create(container.userId(), username));
        List<String> keys = body.sshKeys();
        if (!keys.isEmpty()) {
            devices.add(container.userId(), profile.id(), "added by an operator", String.join("\n", keys), null);
        }
        return Map.of("success", true, "profile_id", profile.id().toString());
    }

    @POST
    @Path("/{id}/add-key")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a key (a device) to one of the computer's Linux users")
    public Map<String, Object> addKey(@PathParam("id") UUID id, NewKey body) {
        Container container = containers.require(id);
        String username = body.username();
        Profile profile = profiles.ofUser(container.userId()).stream().filter(p -> p.username().equals(username))
                .findFirst().orElseThrow(() -> SpoqProblem.notFound("username", "No such user on this computer."));
        AddedDevice added = devices.add(container.userId(), profile.id(), body.name(), body.sshKey(), null);
        return Map.of("success", true, "device_id", added.deviceId().toString());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete the computer: its service and its home volume")
    public Map<String, Boolean> delete(@PathParam("id") UUID id) {
        lifecycle.delete(id);
        return Map.of("success", true);
    }

    @POST
    @Path("/{id}/suspend")
    @Operation(summary = "Stop the computer, keep its home (billing: subscription inactive)")
    public Map<String, Boolean> suspend(@PathParam("id") UUID id) {
        lifecycle.suspend(id);
        return Map.of("success", true);
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Start a suspended computer again")
    public Map<String, Boolean> resume(@PathParam("id") UUID id) {
        lifecycle.resume(id);
        return Map.of("success", true);
    }

    @POST
    @Path("/{id}/reprovision")
    @Operation(summary = "Build the computer again from its desired state (a failed one); its home is kept")
    public Map<String, Boolean> reprovision(@PathParam("id") UUID id) {
        lifecycle.reprovision(id);
        return Map.of("success", true);
    }

    @POST
    @Path("/{id}/wake")
    @Operation(summary = "Wake a sleeping computer (as an SSH login does); any other state is left alone",
            description = "Answers woken: false when it was not asleep. A suspended computer is resumed with /resume.")
    public Map<String, Boolean> wake(@PathParam("id") UUID id) {
        containers.require(id);
        return Map.of("woken", lifecycle.wake(id, "operator"));
    }

    @JsonRequest
    public record SleepAfter(@Schema(description = "idle seconds before this computer sleeps; 0: it never sleeps; "
            + "absent or null: spoq.idle.suspend-after-minutes", minimum = "0") Integer afterSeconds) {
    }

    @PUT
    @Path("/{id}/sleep-after")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "How long this computer may be idle (no SSH session, low CPU) before it sleeps")
    public Map<String, Boolean> sleepAfter(@PathParam("id") UUID id, SleepAfter body) {
        lifecycle.sleepAfter(id, body.afterSeconds());
        return Map.of("success", true);
    }

    @GET
    @Path("/by-user/{userId}")
    @Operation(summary = "Status and resource usage of a user's computer, found by the user's id")
    public ContainerState byUser(@PathParam("userId") UUID userId) {
        return state(containers.ofUser(userId)
                .orElseThrow(() -> SpoqProblem.notFound("user_id", "This user has no computer.")));
    }

    @GET
    @Path("/{id}/status")
    @Operation(summary = "Status and resource usage (CPU, memory, storage) of a computer")
    public ContainerState status(@PathParam("id") UUID id) {
        return state(containers.require(id));
    }

    private ContainerState state(Container container) {
        Usage usage = lifecycle.usage(container.id()).map(Usage::of).orElse(null);
        return new ContainerState(container.id(), container.userId(), container.subdomain(), container.status().wireName(),
                container.statusReason(), container.hostNode(), container.sshPort(), usage);
    }

    @GET
    @Path("/orphans")
    @Operation(summary = "Services the runtime has that belong to no user (as of the reconciler's last pass)")
    public Map<String, List<Orphan>> orphans() {
        return Map.of("orphans", reconciler.orphans().stream().map(ContainersResource::orphan).toList());
    }

    private static Orphan orphan(ObservedContainer o) {
        return new Orphan(o.subdomain(), o.userId().map(UUID::toString).orElse(null), o.replicas());
    }
}
