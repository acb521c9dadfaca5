package io.petty.domain.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Which addresses a webhook may be sent to: public ones only, so that no owner can make the server call into the
 * operator's network (request forgery): not loopback, any-local, link-local (cloud metadata at 169.254.169.254),
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), shared (100.64/10), IETF and documentation (192.0.0/24,
 * 192.0.2/24), benchmarking (198.18/15), reserved (240/4) or multicast; nor an IPv6 address that carries one of those
 * IPv4 addresses (NAT64 64:ff9b::/96, 6to4 2002::/16, IPv4-compatible ::/96). The development profile allows loopback, for local receivers and the tests. Checked when an endpoint
 * is registered and again for every address a delivery connects to (a name may resolve otherwise later).
 */
public final class AddressPolicy {

    private final boolean loopbackAllowed;

    public AddressPolicy(boolean loopbackAllowed) {
        this.loopbackAllowed = loopbackAllowed;
    }

    /** Whether plain HTTP is allowed: only to loopback, only where loopback is. */
    public boolean loopbackAllowed() {
        return loopbackAllowed;
    }

    public boolean allows(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return loopbackAllowed;
        }
        if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            int third = bytes[2] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128)
                    && !(first == 192 && second == 0 && (third == 0 || third == 2))
                    && !(first == 198 && (second == 18 || second == 19)) && first < 240;
        }
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(bytes);
            // Unique local addresses, fc00::/7 (Java's site-local is the deprecated fec0::/10 only).
            return (bytes[0] & 0xfe) != 0xfc && (embedded == null || allows(ipv4(embedded)));
        }
        return false;
    }

    /** The IPv4 address a NAT64, 6to4 or IPv4-compatible address carries; null for any other. */
    private static byte[] embeddedIpv4(byte[] v6) {
        boolean nat64 = v6[0] == 0x00 && v6[1] == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b
                && Arrays.equals(v6, 4, 12, new byte[8], 0, 8);
        boolean compatible = Arrays.equals(v6, 0, 12, new byte[12], 0, 12);
        if (nat64 || compatible) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return Arrays.copyOfRange(v6, 2, 6);
        }
        return null;
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
