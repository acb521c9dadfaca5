package io.petty.domain.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** How a server names itself in shared rows (claims, reports): its host and process, unique while it runs. */
public final class ServerName {

    private static final String NAME = host() + ":" + ProcessHandle.current().pid();

    private ServerName() {
    }

    public static String current() {
        return NAME;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
