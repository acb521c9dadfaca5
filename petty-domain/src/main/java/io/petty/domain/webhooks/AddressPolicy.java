package io.petty.domain.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a webhook may be sent to: public ones only, so that no owner can make the server call into the
 * operator's network (request forgery): not loopback, any-local, link-local (cloud metadata at 169.254.169.254),
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), shared (100.64/10), benchmarking (198.18/15), reserved (240/4) or
 * multicast. The development profile allows loopback, for local receivers and the tests. Checked when an endpoint
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
            return first != 0 && !(first == 100 && second >= 64 && second < 128)
                    && !(first == 198 && (second == 18 || second == 19)) && first < 240;
        }
        if (address instanceof Inet6Address) {
            // Unique local addresses, fc00::/7 (Java's site-local is the deprecated fec0::/10 only).
            return (bytes[0] & 0xfe) != 0xfc;
        }
        return false;
    }
}
