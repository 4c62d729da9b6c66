package dev.spoq.cloud.gateway.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who a connection comes from, for counting: an IPv4 address as it is, an IPv6 address by its /64. One
 * IPv6 subscriber usually holds a whole /64 (and picks a new address at will), so counting single IPv6
 * addresses would give one person 2^64 quotas.
 */
final class SourceNetwork {
    private static final int IPV6_PREFIX_BYTES = 8;

    private SourceNetwork() {
    }

    static InetAddress of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = address.getAddress();
        for (int i = IPV6_PREFIX_BYTES; i < bytes.length; i++) {
            bytes[i] = 0;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }
}
