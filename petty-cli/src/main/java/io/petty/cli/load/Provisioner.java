package io.petty.cli.load;

import io.petty.domain.collars.CollarFactory;
import jakarta.json.Json;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Sets a fleet up as the factory, the app and the collars would: collars come from the factory (with a secret and a
 * claim code each), owners register and log in through the public API, add a dog each collar and pair it with the
 * collar's claim code, and each collar exchanges its secret for a device token. What the fleet file already holds is
 * reused (logged in, exchanged again); what the server no longer knows (a fresh database) is made anew.
 */
final class Provisioner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PettyApi api;
    private final Supplier<CollarFactory.MadeCollar> factory;
    private final FleetFile file;
    private final LoadListener listener;
    private final Clock clock;

    /**
     * @param factory new collars, unpaired (see {@link FactoryCollars})
     * @param clock   the generator's, which the collars stamp their readings by
     */
    Provisioner(PettyApi api, Supplier<CollarFactory.MadeCollar> factory, FleetFile file, LoadListener listener,
                Clock clock) {
        this.api = api;
        this.factory = factory;
        this.file = file;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * @param part        which of the file's owners to reuse and keep: the fleet's or the event probes'
     * @param collars     collars wanted, spread evenly over the owners
     * @param owners      owners wanted: rate limits are per owner, so more owners provision and read faster
     * @param parallelism owners set up at once
     */
    Fleet provision(FleetFile.Part part, int collars, int owners, int parallelism) {
        List<FleetFile.Owner> stored = file.load(api.base(), part);
        // Each owner's state as it is set up, so that what was created is kept even when a later step fails.
        Map<Integer, FleetFile.Owner> progress = new ConcurrentHashMap<>();
        AtomicInteger ready = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(owners, parallelism)));
        try {
            List<Callable<OwnerSetUp>> tasks = IntStream.range(0, owners)
                    .mapToObj(slot -> (Callable<OwnerSetUp>) () -> setUp(slot < stored.size() ? stored.get(slot) : null,
                            collars / owners + (slot < collars % owners ? 1 : 0),
                            account -> progress.put(slot, account), () -> listener.provisioning(
                                    ready.incrementAndGet(), collars)))
                    .toList();
            List<OwnerSetUp> setUp = new ArrayList<>();
            for (Future<OwnerSetUp> owner : pool.invokeAll(tasks)) {
                setUp.add(owner.get());
            }
            return new Fleet(setUp.stream().map(OwnerSetUp::owner).toList(),
                    (int) setUp.stream().filter(OwnerSetUp::reused).count(),
                    (int) setUp.stream().filter(owner -> !owner.reused()).count(),
                    setUp.stream().mapToInt(OwnerSetUp::collarsReused).sum(),
                    setUp.stream().mapToInt(OwnerSetUp::collarsCreated).sum());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning", e);
        } finally {
            pool.shutdownNow();
            List<FleetFile.Owner> kept = new ArrayList<>(IntStream.range(0, owners).mapToObj(progress::get)
                    .filter(Objects::nonNull).toList());
            // Owners this run did not need stay for a later, bigger run.
            kept.addAll(stored.subList(Math.min(owners, stored.size()), stored.size()));
            file.save(api.base(), part, kept);
        }
    }

    private record OwnerSetUp(Fleet.Owner owner, boolean reused, int collarsReused, int collarsCreated) {
    }

    private OwnerSetUp setUp(FleetFile.Owner stored, int wanted, Consumer<FleetFile.Owner> progress,
                             Runnable collarReady) {
        String token = stored == null ? null : login(stored);
        boolean reused = token != null;
        FleetFile.Owner account = reused ? stored : register();
        if (!reused) {
            token = login(account);
            if (token == null) {
                throw new IllegalStateException("a freshly registered owner cannot log in: " + account.email());
            }
        }
        List<FleetFile.Collar> kept = new ArrayList<>();
        List<Fleet.Collar> collars = new ArrayList<>();
        int collarsReused = 0;
        for (FleetFile.Collar pairing : account.collars()) {
            if (collars.size() == wanted) {
                kept.add(pairing);
                continue;
            }
            String deviceToken = exchange(pairing);
            // Refused: unpaired, or the server's database is not the one the collar was paired in. Forget it.
            if (deviceToken != null) {
                kept.add(pairing);
                collars.add(new Fleet.Collar(pairing, deviceToken));
                collarsReused++;
                collarReady.run();
            }
        }
        progress.accept(new FleetFile.Owner(account.email(), account.password(), kept));
        while (collars.size() < wanted) {
            FleetFile.Collar pairing = pair(token);
            kept.add(pairing);
            progress.accept(new FleetFile.Owner(account.email(), account.password(), kept));
            String deviceToken = exchange(pairing);
            if (deviceToken == null) {
                throw new IllegalStateException("collar " + pairing.collarId() + " was just paired but its secret is refused");
            }
            collars.add(new Fleet.Collar(pairing, deviceToken));
            collarReady.run();
        }
        Fleet.Owner owner = new Fleet.Owner(new FleetFile.Owner(account.email(), account.password(), kept), token, collars);
        return new OwnerSetUp(owner, reused, collarsReused, wanted - collarsReused);
    }

    /** @return an access token, or null when the server does not know this email and password */
    String login(FleetFile.Owner owner) {
        PettyApi.Answer answer = api.post("/v1/auth/token", Json.createObjectBuilder().add("email", owner.email())
                .add("password", owner.password()).build(), null);
        return answer.is(401) ? null : require(answer, 200, "log in").text("access_token");
    }

    /** @return a device token, or null when the server does not accept this collar's secret */
    String exchange(FleetFile.Collar collar) {
        PettyApi.Answer answer = api.post("/v1/auth/device-token", Json.createObjectBuilder()
                .add("collar_id", collar.collarId()).add("secret", collar.secret()).build(), null);
        return answer.is(401) ? null : require(answer, 200, "exchange a collar secret").text("access_token");
    }

    private FleetFile.Owner register() {
        byte[] id = new byte[6];
        byte[] password = new byte[18];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(password);
        FleetFile.Owner owner = new FleetFile.Owner("load-" + HexFormat.of().formatHex(id) + "@example.com",
                Base64.getUrlEncoder().withoutPadding().encodeToString(password), List.of());
        PettyApi.Answer registered = api.post("/v1/accounts", Json.createObjectBuilder().add("email", owner.email())
                .add("password", owner.password()).add("display_name", "Load Owner").build(), null);
        // 409 for a random address: an attempt whose answer was lost registered it already; logging in tells.
        if (!registered.is(409)) {
            require(registered, 201, "register");
        }
        return owner;
    }

    /** A new dog wearing a new collar from the factory. */
    private FleetFile.Collar pair(String ownerToken) {
        String petId = require(api.post("/v1/pets", Json.createObjectBuilder().add("name", "Load Dog")
                .add("species", "dog").build(), ownerToken), 201, "add a pet").text("id");
        CollarFactory.MadeCollar collar = factory.get();
        require(api.post("/v1/collars", Json.createObjectBuilder().add("collar_id", collar.serial())
                .add("claim_code", collar.claimCode()).add("pet_id", petId).build(), ownerToken), 201, "pair a collar");
        // Read once the server has answered, so after it paired the collar (by this clock, on one machine): the
        // collar's readings from here on are its new pet's.
        return new FleetFile.Collar(collar.serial(), petId, collar.secret(), clock.instant(), null);
    }

    private static PettyApi.Answer require(PettyApi.Answer answer, int status, String what) {
        if (!answer.is(status)) {
            throw new IllegalStateException("cannot " + what + ": HTTP " + answer.status() + " "
                    + answer.body().getString("detail", answer.body().toString()));
        }
        return answer;
    }
}
