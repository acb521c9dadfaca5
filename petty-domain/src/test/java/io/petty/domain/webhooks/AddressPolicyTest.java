package io.petty.domain.webhooks;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressPolicyTest {

    private final AddressPolicy production = new AddressPolicy(false);
    private final AddressPolicy development = new AddressPolicy(true);

    @Test
    void productionSendsToPublicAddressesOnly() throws UnknownHostException {
        for (String address : new String[] {"127.0.0.1", "::1", "0.0.0.0", "::", "10.1.2.3", "172.16.0.1",
                "172.31.255.255", "192.168.1.1", "169.254.169.254", "fe80::1", "fc00::1", "fd12:3456::1",
                "100.64.0.1", "100.127.255.254", "198.18.0.1", "224.0.0.1", "ff02::1", "240.0.0.1",
                "255.255.255.255", "192.0.0.8", "192.0.2.1", "64:ff9b::a00:1", "64:ff9b::a9fe:a9fe",
                "2002:a00:1::", "2002:7f00:1::", "::a00:1"}) {
            assertFalse(production.allows(InetAddress.getByName(address)), address);
        }
        for (String address : new String[] {"93.184.216.34", "8.8.8.8", "100.128.0.1", "172.32.0.1",
                "2606:4700::1111", "64:ff9b::808:808", "2002:808:808::"}) {
            assertTrue(production.allows(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void developmentAllowsLoopbackAndNothingElsePrivate() throws UnknownHostException {
        assertTrue(development.allows(InetAddress.getByName("127.0.0.1")));
        assertTrue(development.allows(InetAddress.getByName("::1")));
        assertFalse(development.allows(InetAddress.getByName("10.0.0.1")));
        assertFalse(development.allows(InetAddress.getByName("169.254.169.254")));
    }
}
