package io.petty.cli.load;

import java.util.List;

/**
 * The owners and collars of a run, signed in: owners hold access tokens (the readers poll with them), collars
 * device tokens (they ingest with them). Tokens are replaced when the server stops accepting them.
 *
 * @param ownersReused  owners of an earlier run that logged in again
 * @param collarsReused collars of an earlier run whose secrets were exchanged again
 */
public record Fleet(List<Owner> owners, int ownersReused, int ownersCreated, int collarsReused, int collarsCreated) {

    public Fleet {
        owners = List.copyOf(owners);
    }

    public List<Collar> collars() {
        return owners.stream().flatMap(owner -> owner.collars().stream()).toList();
    }

    /** An owner account signed in. */
    public static final class Owner {
        private final FleetFile.Owner account;
        private final List<Collar> collars;
        private volatile String accessToken;

        Owner(FleetFile.Owner account, String accessToken, List<Collar> collars) {
            this.account = account;
            this.accessToken = accessToken;
            this.collars = List.copyOf(collars);
        }

        public FleetFile.Owner account() {
            return account;
        }

        public List<Collar> collars() {
            return collars;
        }

        public String accessToken() {
            return accessToken;
        }

        void accessToken(String token) {
            accessToken = token;
        }
    }

    /** A paired collar signed in. */
    public static final class Collar {
        private final FleetFile.Collar pairing;
        private volatile String deviceToken;

        Collar(FleetFile.Collar pairing, String deviceToken) {
            this.pairing = pairing;
            this.deviceToken = deviceToken;
        }

        public String id() {
            return pairing.collarId();
        }

        public FleetFile.Collar pairing() {
            return pairing;
        }

        public String deviceToken() {
            return deviceToken;
        }

        void deviceToken(String token) {
            deviceToken = token;
        }
    }
}
