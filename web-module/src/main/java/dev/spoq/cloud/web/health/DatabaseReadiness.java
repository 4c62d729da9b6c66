package dev.spoq.cloud.web.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Not ready while PostgreSQL does not answer within two seconds: a load balancer then sends no users
 * here. The check runs on its own thread so that a hung database cannot hang the probe itself.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final long LIMIT_SECONDS = 2;

    @Resource(lookup = "jdbc/spoq")
    DataSource database;

    @Resource
    ManagedExecutorService executor;

    @Override
    public HealthCheckResponse call() {
        CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(this::answers, executor);
        try {
            return HealthCheckResponse.named("database").status(answer.get(LIMIT_SECONDS, TimeUnit.SECONDS)).build();
        } catch (TimeoutException e) {
            answer.cancel(true);
            return down("no answer within " + LIMIT_SECONDS + " s");
        } catch (ExecutionException e) {
            return down(e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    private boolean answers() {
        try (Connection connection = database.getConnection()) {
            return connection.isValid((int) LIMIT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static HealthCheckResponse down(String why) {
        return HealthCheckResponse.named("database").down().withData("error", why).build();
    }
}
