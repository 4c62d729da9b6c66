package dev.spoq.cloud.web.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrustedProxiesTest {

    private final TrustedProxies none = TrustedProxies.of(List.of());
    private final TrustedProxies ours = TrustedProxies.of(List.of("127.0.0.1", "127.10.0.0/16", "::1"));

    @Test
    void withoutTrustedProxiesTheSocketPeerIsTheClientWhateverTheHeaderSays() {
        assertEquals("127.0.0.5", none.clientOf("127.0.0.5", "127.0.0.9"));
        assertEquals("127.0.0.5", none.clientOf("127.0.0.5", null));
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddress() {
        assertEquals("127.0.0.5", ours.clientOf("127.0.0.5", "127.0.0.9, 127.0.0.1"));
    }

    @Test
    void behindOurProxyTheRightmostAddressThatIsNotOursIsTheClient() {
        assertEquals("127.0.0.9", ours.clientOf("127.0.0.1", "127.0.0.9"));
        // the client wrote 127.0.0.77 itself; our proxy appended the address it saw
        assertEquals("127.0.0.9", ours.clientOf("127.0.0.1", "127.0.0.77, 127.0.0.9"));
        // a chain of our own proxies (a CIDR range) is skipped
        assertEquals("127.0.0.9", ours.clientOf("127.0.0.1", "127.0.0.9, 127.10.3.4"));
        assertEquals("127.0.0.9", ours.clientOf("::1", "127.0.0.9"));
    }

    @Test
    void garbageOrOnlyOurOwnProxiesLeaveTheLastTrustedHop() {
        assertEquals("127.0.0.1", ours.clientOf("127.0.0.1", "not-an-address"));
        assertEquals("127.10.3.4", ours.clientOf("127.0.0.1", "example.com, 127.10.3.4"));
        assertEquals("127.10.3.4", ours.clientOf("127.0.0.1", "127.10.3.4"));
        assertEquals("127.0.0.1", ours.clientOf("127.0.0.1", ""));
    }

    @Test
    void aHostNameIsNeverResolvedAndABadEntryIsRefusedAtStart() {
        assertEquals(true, TrustedProxies.literal("localhost").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("proxy.internal")));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("127.0.0.0/33")));
    }
}
