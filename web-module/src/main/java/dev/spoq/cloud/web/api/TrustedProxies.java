package dev.spoq.cloud.web.api;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which address a request comes from. The socket's peer, unless that peer is one of our own proxies
 * ({@code spoq.trusted-proxies}: addresses or CIDR ranges): then X-Forwarded-For is read from the right,
 * skipping our proxies, and the first address not ours is the client. Whatever lies left of it was written
 * by the client itself and is never believed, so a hostile client cannot choose its own address.
 */
public final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<Range> proxies;

    private TrustedProxies(List<Range> proxies) {
        this.proxies = proxies;
    }

    /** @throws IllegalArgumentException for an entry that is neither an address nor a CIDR range */
    public static TrustedProxies of(List<String> entries) {
        return new TrustedProxies(entries.stream().map(String::strip).filter(e -> !e.isEmpty()).map(Range::parse).toList());
    }

    public String clientOf(String peer, String forwardedFor) {
        String client = peer;
        if (forwardedFor == null || !trusted(client)) {
            return client;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (literal(hop).isEmpty()) {
                return client; // garbage, written by whoever sent it: the last hop we trust is all we know
            }
            client = hop;
            if (!trusted(client)) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        Optional<InetAddress> parsed = literal(address);
        return parsed.isPresent() && proxies.stream().anyMatch(range -> range.contains(parsed.get()));
    }

    /** An IP literal, never a host name (no DNS look-up for what a client wrote). */
    static Optional<InetAddress> literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(bare).matches() && !(bare.contains(":") && IPV6.matcher(bare).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private record Range(BigInteger network, int prefix, int bits) {

        static Range parse(String entry) {
            String[] parts = entry.split("/", 2);
            InetAddress address = literal(parts[0]).orElseThrow(() ->
                    new IllegalArgumentException("spoq.trusted-proxies: '" + entry + "' is not an IP address or CIDR range"));
            int bits = address.getAddress().length * 8;
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("spoq.trusted-proxies: bad prefix length in '" + entry + "'");
            }
            return new Range(masked(address, prefix, bits), prefix, bits);
        }

        boolean contains(InetAddress address) {
            return address.getAddress().length * 8 == bits && masked(address, prefix, bits).equals(network);
        }

        private static BigInteger masked(InetAddress address, int prefix, int bits) {
            return new BigInteger(1, address.getAddress()).shiftRight(bits - prefix);
        }
    }
}
