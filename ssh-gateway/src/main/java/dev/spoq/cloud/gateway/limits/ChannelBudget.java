package dev.spoq.cloud.gateway.limits;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Channels (terminals, commands, file copies, forwarded connections) are what cost the gateway threads: a
 * relayed session channel holds up to four, a forwarded connection two. Each channel takes a place before it
 * opens: one of its account's ({@code max-channels-per-account}, over all of the account's connections, so
 * that many {@code ssh -W} over one ControlMaster cannot exhaust the gateway) and its threads from the
 * gateway's relay-thread budget, which is exactly the size of the relay pool. Taking never waits; a refusal
 * says in the user's words why.
 */
public final class ChannelBudget {
    /** A relayed session channel: the relay itself plus its stdin, stdout and stderr pumps. */
    static final int SESSION_THREADS = 4;
    /** A forwarded connection: one pump each way. */
    static final int FORWARD_THREADS = 2;

    private final CountsPerAccount openByAccount;
    private final int relayThreads;
    private final Semaphore freeThreads;

    public ChannelBudget(int perAccount, int relayThreads) {
        if (perAccount < 1 || relayThreads < SESSION_THREADS) {
            throw new IllegalArgumentException("max-channels-per-account must be at least 1 and max-relay-threads at least "
                    + SESSION_THREADS);
        }
        this.openByAccount = new CountsPerAccount(perAccount);
        this.relayThreads = relayThreads;
        this.freeThreads = new Semaphore(relayThreads);
    }

    /** Held by one open channel; released once, when it closes. */
    public final class Place {
        private final String account;
        private final int threads;
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Place(String account, int threads) {
            this.account = account;
            this.threads = threads;
        }

        public void release() {
            if (held.compareAndSet(true, false)) {
                freeThreads.release(threads);
                openByAccount.remove(account);
            }
        }
    }

    /** Why a channel was not opened, in words for the user's terminal. */
    public static final class Refusal extends Exception {
        Refusal(String message) {
            super(message);
        }
    }

    /**
     * Takes a place for one more channel of {@code account}.
     *
     * @param threads {@link #SESSION_THREADS} or {@link #FORWARD_THREADS}
     */
    public Place take(String account, int threads) throws Refusal {
        if (!openByAccount.tryAdd(account)) {
            throw new Refusal("Spoq: at most " + openByAccount.max() + " channels (terminals, commands, copies, forwarded connections) "
                    + "may be open at once to your computer; close some and try again.");
        }
        if (!freeThreads.tryAcquire(threads)) {
            openByAccount.remove(account);
            throw new Refusal("Spoq: the gateway is busy right now; please try again in a minute.");
        }
        return new Place(account, threads);
    }

    /** Threads the relay pool may need at most: every place's threads. */
    public int relayThreads() {
        return relayThreads;
    }

    /** Channels open now for {@code account} (tests, diagnostics). */
    public int open(String account) {
        return openByAccount.of(account);
    }
}
