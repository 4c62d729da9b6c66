package dev.spoq.cloud.gateway.limits;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentConnectionsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RecentConnections limiter = new RecentConnections(30, now::get);

    @Test
    void thirtyAMinuteThenNoMore() throws Exception {
        InetAddress address = InetAddress.getByName("192.0.2.1");
        for (int i = 0; i < 30; i++) {
            assertTrue(limiter.tryAcquire(address), "attempt " + (i + 1));
            now.addAndGet(100);
        }
        assertFalse(limiter.tryAcquire(address));
        assertTrue(limiter.tryAcquire(InetAddress.getByName("192.0.2.2")), "other addresses are not affected");
    }

    @Test
    void theWindowSlides() throws Exception {
        InetAddress address = InetAddress.getByName("192.0.2.3");
        for (int i = 0; i < 30; i++) {
            assertTrue(limiter.tryAcquire(address));
            now.addAndGet(1000); // one a second: attempt 31 comes 30 s after the first
        }
        assertFalse(limiter.tryAcquire(address)); // refused, and counted: at 30 s
        now.addAndGet(30_000); // 60 s after the first attempt, but only 59 s after the second
        assertFalse(limiter.tryAcquire(address));
        now.addAndGet(2_000);
        assertTrue(limiter.tryAcquire(address));
    }

    @Test
    void hammeringKeepsTheAddressRefusedUntilItIsQuietForAMinute() throws Exception {
        InetAddress address = InetAddress.getByName("192.0.2.4");
        for (int i = 0; i < 30; i++) {
            limiter.tryAcquire(address);
        }
        for (int i = 0; i < 120; i++) {
            now.addAndGet(1000);
            assertFalse(limiter.tryAcquire(address), "still hammering after " + i + " s");
        }
        now.addAndGet(60_000);
        assertTrue(limiter.tryAcquire(address));
    }

    @Test
    void quietAddressesAreForgotten() throws Exception {
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire(InetAddress.getByName("198.51.100." + i));
        }
        assertEquals(100, limiter.trackedAddresses());
        now.addAndGet(120_000);
        limiter.tryAcquire(InetAddress.getByName("203.0.113.1"));
        assertEquals(1, limiter.trackedAddresses());
    }
}
