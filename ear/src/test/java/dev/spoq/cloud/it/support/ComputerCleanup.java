package dev.spoq.cloud.it.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code @ExtendWith(ComputerCleanup.class)} on every test class that claims a subdomain: the computers a test
 * made (see {@link Computers}) are removed right after it, in the background on three threads so that the next
 * test need not wait; those made in a class's set-up are removed after the class, and the class waits until
 * every removal it started is done. Runs after the class's own {@code @AfterEach}/{@code @AfterAll}.
 */
public final class ComputerCleanup implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ComputerCleanup.class);
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(3, runnable -> {
        Thread thread = new Thread(runnable, "it-computer-cleanup");
        thread.setDaemon(true);
        return thread;
    });
    private static final List<Future<?>> PENDING = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("mark", Computers.mark());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("mark", Computers.mark());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        removeInBackground(Computers.takeSince(context.getStore(NS).get("mark", Long.class)));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        removeInBackground(Computers.takeSince(context.getStore(NS).get("mark", Long.class)));
        List<Future<?>> waiting;
        synchronized (PENDING) {
            waiting = new ArrayList<>(PENDING);
            PENDING.clear();
        }
        for (Future<?> future : waiting) {
            try {
                future.get(4, TimeUnit.MINUTES);
            } catch (Exception e) {
                System.err.println("[it-cleanup] a removal did not finish: " + e);
            }
        }
    }

    private static void removeInBackground(List<Computers.Tracked> computers) {
        synchronized (PENDING) {
            for (Computers.Tracked tracked : computers) {
                PENDING.add(WORKERS.submit(() -> Computers.removeQuietly(tracked)));
            }
        }
    }
}
