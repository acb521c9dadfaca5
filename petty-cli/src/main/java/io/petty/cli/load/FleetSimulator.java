package io.petty.cli.load;

import io.petty.domain.collars.CollarFactory;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The collar fleet simulator: provisions (or reuses) the plan's fleet, then has every collar send its readings
 * for the plan's duration, each collar one batch at a time as a real one would, through a pool of
 * {@code concurrency} workers. A refused or lost batch is sent again after its backoff without holding a worker:
 * the collar waits in a delay queue while the workers serve the others. Each worker and reader sends through a
 * keep-alive connection of its own ({@link HttpConnection}): the generator shares the machine with the server, and
 * should leave it the CPU. Event probes ({@link EventProbe}), collars and owners apart from the fleet, time how soon
 * the fleet's server shows a new session in its timeline.
 */
public final class FleetSimulator {

    /** Provisioning waits its turn: the account limit (per address) paces a big fleet through Retry-After. */
    static final RetryPolicy PROVISIONING_RETRY = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), 200);
    /**
     * How far behind now a collar's clock may start: the server refuses readings older than 30 days, which a fleet
     * reused weeks after its last run would otherwise send; a week leaves room to run for days.
     */
    static final Duration MAX_CLOCK_LAG = Duration.ofDays(7);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration HEAP_TIMEOUT = Duration.ofSeconds(2);

    private static final String INGEST = "/v1/ingest";

    private final LoadListener listener;
    private final Supplier<CollarFactory.MadeCollar> factory;

    /** @param factory where new collars for the fleet come from (see {@link FactoryCollars}) */
    public FleetSimulator(LoadListener listener, Supplier<CollarFactory.MadeCollar> factory) {
        this.listener = listener;
        this.factory = factory;
    }

    /**
     * Provisions the fleet, sends readings for {@code plan.duration()} and waits for the last retries.
     *
     * @return the measurements, without verification or COPY figures (see {@link ReadingVerifier},
     *         {@link CopyCeiling})
     */
    public LoadReport run(LoadPlan plan) {
        try (HttpConnections connections = new HttpConnections(plan.server(), PettyApi.REQUEST_TIMEOUT)) {
            FleetFile file = new FleetFile(plan.fleetFile(), Clock.systemUTC());
            Provisioner provisioner = new Provisioner(new PettyApi(connections, PROVISIONING_RETRY), factory, file,
                    listener, Clock.systemUTC());
            int provisioners = Math.min(plan.concurrency(), 8);
            Fleet fleet = provisioner.provision(FleetFile.Part.FLEET, plan.collars(), plan.owners(), provisioners);
            // An owner each: the timeline's rate limit is per owner, and the probes should not share one.
            Fleet probes = plan.probes().count() == 0 ? new Fleet(List.of(), 0, 0, 0, 0)
                    : provisioner.provision(FleetFile.Part.EVENT_PROBES, plan.probes().count(), plan.probes().count(),
                    provisioners);
            listener.fleetReady(fleet);
            return new Run(plan, fleet, probes, provisioner, connections, file).execute();
        }
    }

    /**
     * Where a collar's clock starts: one interval after the later of its pairing and the newest reading it sent
     * in earlier runs, so that its readings only ever move forward and are all its pet's; but at most
     * {@link #MAX_CLOCK_LAG} behind {@code now}.
     */
    static Instant clockStart(FleetFile.Collar collar, Duration interval, Instant now) {
        Instant after = collar.pairedAt();
        if (collar.newestSent() != null && collar.newestSent().isAfter(after)) {
            after = collar.newestSent();
        }
        Instant earliest = now.minus(MAX_CLOCK_LAG);
        if (earliest.isAfter(after)) {
            after = earliest;
        }
        // Whole microseconds, as the server keeps them; the interval then puts it strictly after.
        return after.truncatedTo(ChronoUnit.MICROS).plus(interval);
    }

    /** One run's state: shared by its workers, readers, probes and samplers. */
    private final class Run {
        private final LoadPlan plan;
        private final Fleet fleet;
        private final Provisioner provisioner;
        private final HttpConnections connections;
        private final FleetFile file;
        /** Only the heap sampler uses it, one sample at a time. */
        private final HttpConnection heapConnection;
        private final List<Lane> lanes = new ArrayList<>();
        private final List<EventProbe> probes = new ArrayList<>();
        private final DelayQueue<Lane> ready = new DelayQueue<>();
        private final AtomicInteger live = new AtomicInteger();
        private final RatePacer pacer;

        private final Recorder ingestLatency = new Recorder(3);
        private final Recorder readLatency = new Recorder(3);
        private final Histogram ingestTotal = new Histogram(3);
        private final Histogram readTotal = new Histogram(3);
        private final LongAdder requests = new LongAdder();
        private final LongAdder retries = new LongAdder();
        private final LongAdder acknowledged = new LongAdder();
        private final LongAdder rejected = new LongAdder();
        private final LongAdder givenUp = new LongAdder();
        private final LongAdder failures = new LongAdder();
        private final LongAdder clockWaits = new LongAdder();
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> readStatuses = new ConcurrentHashMap<>();
        private final AtomicLong maxHeap = new AtomicLong(-1);
        private volatile boolean sending = true;

        private long startNanos;
        private long deadlineNanos;
        private long giveUpNanos;
        private long lastTickNanos;
        private long lastTickAcknowledged;

        Run(LoadPlan plan, Fleet fleet, Fleet probeFleet, Provisioner provisioner, HttpConnections connections,
            FleetFile file) {
            this.plan = plan;
            this.fleet = fleet;
            this.provisioner = provisioner;
            this.connections = connections;
            this.file = file;
            this.heapConnection = connections.open(HEAP_TIMEOUT);
            this.pacer = new RatePacer(plan.rate());
            Instant now = Instant.now();
            for (Fleet.Collar collar : fleet.collars()) {
                lanes.add(new Lane(collar, new CollarSimulation(collar.id(),
                        clockStart(collar.pairing(), plan.readingInterval(), now), plan.readingInterval(),
                        plan.motion(), ThreadLocalRandom.current().nextLong())));
            }
            for (Fleet.Owner owner : probeFleet.owners()) {
                probes.add(new EventProbe(owner, connections.open(), plan.probes(), provisioner, Clock.systemUTC(),
                        System::nanoTime, ThreadLocalRandom.current().nextLong()));
            }
        }

        LoadReport execute() {
            ScheduledExecutorService samplers = Executors.newScheduledThreadPool(2,
                    task -> daemon("petty-load-sampler", task));
            List<Thread> workers = new ArrayList<>();
            List<Thread> readers = new ArrayList<>();
            List<Thread> probing = new ArrayList<>();
            startNanos = System.nanoTime();
            lastTickNanos = startNanos;
            deadlineNanos = startNanos + plan.duration().toNanos();
            giveUpNanos = deadlineNanos + plan.grace().toNanos();
            live.set(lanes.size());
            lanes.forEach(lane -> lane.readyAt(startNanos));
            ready.addAll(lanes);
            samplers.scheduleAtFixedRate(this::sampleHeap, 0, 1, TimeUnit.SECONDS);
            samplers.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
            for (int i = 0; i < Math.min(plan.concurrency(), lanes.size()); i++) {
                workers.add(start("petty-load-worker-" + i, this::work));
            }
            long readInterval = plan.readInterval().toNanos();
            for (int i = 0; i < plan.readers(); i++) {
                Fleet.Owner owner = fleet.owners().get(i % fleet.owners().size());
                // People open the app independently: readers spread over the interval rather than poll in step.
                long firstRound = startNanos + readInterval * i / plan.readers();
                readers.add(start("petty-load-reader-" + i, () -> read(owner, firstRound)));
            }
            long probeInterval = plan.probes().interval().toNanos();
            for (int i = 0; i < probes.size(); i++) {
                EventProbe probe = probes.get(i);
                // Out of step, as the readers are: the probes' batches spread over the interval.
                long firstBatch = startNanos + probeInterval * i / probes.size();
                probing.add(start("petty-load-probe-" + i, () -> probe.run(firstBatch, deadlineNanos, giveUpNanos)));
            }
            try {
                for (Thread worker : workers) {
                    worker.join();
                }
                long endNanos = System.nanoTime();
                // A probe's last sample may wait out its timeout after the fleet's last batch, up to the grace's end.
                for (Thread probe : probing) {
                    probe.join();
                }
                recordSent();
                sending = false;
                // Readers blocked on the server fail now rather than at their read timeout.
                connections.close();
                for (Thread reader : readers) {
                    reader.interrupt();
                    reader.join();
                }
                samplers.shutdownNow();
                samplers.awaitTermination(10, TimeUnit.SECONDS);
                drainHistograms();
                return report(Duration.ofNanos(endNanos - startNanos));
            } catch (InterruptedException e) {
                sending = false;
                connections.close();
                workers.forEach(Thread::interrupt);
                readers.forEach(Thread::interrupt);
                probing.forEach(Thread::interrupt);
                samplers.shutdownNow();
                // An abandoned run's readings may be stored too. Before the interrupt is restored: the file's
                // channels would refuse to write for an interrupted thread.
                recordSent();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending", e);
            }
        }

        private void work() {
            HttpConnection connection = connections.open();
            try {
                while (live.get() > 0) {
                    Lane lane = ready.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    if (lane == null) {
                        continue;
                    }
                    try {
                        if (lane.pending == null && !startBatch(lane)) {
                            continue;
                        }
                        attempt(lane, connection);
                    } catch (RuntimeException unreadable) {
                        // An answer the simulator cannot read, or a failed token exchange, ends this batch, not
                        // the run: a worker that died here would leave the others waiting for its collar forever.
                        fail("unreadable");
                        if (lane.pending != null) {
                            giveUp(lane);
                        } else {
                            live.decrementAndGet();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                connection.close();
            }
        }

        /**
         * @return whether the collar has a batch to send; if not, it is back in the queue waiting for its clock, or
         *         done (the time is up) and no longer live
         */
        private boolean startBatch(Lane lane) throws InterruptedException {
            if (System.nanoTime() >= deadlineNanos) {
                return done();
            }
            // A collar stamps what it measured, never ahead of now: until its clock reaches the batch's last
            // reading, it waits in the queue and the workers serve the others.
            long lastIndex = lane.simulation.nextIndex() + plan.batch() - 1;
            long ahead = Duration.between(Instant.now(), lane.simulation.timestampOf(lastIndex)).toNanos();
            if (ahead > 0) {
                // Once a batch: the queue keeps time by another clock than the wall's, and may wake it just early.
                if (!lane.waitingForClock) {
                    lane.waitingForClock = true;
                    clockWaits.increment();
                }
                long at = System.nanoTime() + ahead;
                if (at - deadlineNanos >= 0) {
                    return done();
                }
                requeue(lane, at);
                return false;
            }
            lane.waitingForClock = false;
            if (!pacer.await(plan.batch(), deadlineNanos)) {
                return done();
            }
            List<SimulatedReading> readings = new ArrayList<>(plan.batch());
            for (int i = 0; i < plan.batch(); i++) {
                readings.add(lane.simulation.next());
            }
            String body = plan.batch() == 1 ? ReadingJson.single(readings.get(0)) : ReadingJson.batch(readings);
            lane.pending = new Batch(body.getBytes(StandardCharsets.UTF_8), readings.get(0).index(), plan.batch());
            lane.newestSent = readings.get(readings.size() - 1).timestamp();
            return true;
        }

        private boolean done() {
            live.decrementAndGet();
            return false;
        }

        /** Keeps the newest reading each collar sent (at least once) for the next run, to start after it. */
        private void recordSent() {
            Map<String, Instant> newest = new TreeMap<>();
            for (Lane lane : lanes) {
                if (lane.newestSent != null) {
                    newest.put(lane.collar.id(), lane.newestSent);
                }
            }
            for (EventProbe probe : probes) {
                if (probe.newestSent() != null) {
                    newest.put(probe.collarId(), probe.newestSent());
                }
            }
            file.recordSent(connections.server(), newest);
        }

        private void attempt(Lane lane, HttpConnection connection) {
            Batch batch = lane.pending;
            byte[] authorization = lane.authorization();
            requests.increment();
            if (batch.attempts++ > 0) {
                retries.increment();
            }
            long sent = System.nanoTime();
            HttpConnection.Response response;
            try {
                // A single reading is acknowledged by any 2xx (201 stored, 200 stored before): no body to read.
                response = connection.send("POST", INGEST, authorization, batch.body, plan.batch() > 1);
            } catch (IOException lost) {
                fail("io");
                retryLater(lane, Duration.ZERO);
                return;
            }
            int status = response.status();
            recordServed(ingestLatency, status, sent);
            if (status == 200 || status == 201) {
                int held = acknowledge(lane, batch, response);
                acknowledged.add(held);
                rejected.add(batch.count - held);
                lane.pending = null;
                lane.reauthorized = false;
                requeue(lane, System.nanoTime());
                return;
            }
            fail(Integer.toString(status));
            if (status == 401 && !lane.reauthorized) {
                // The device token expired (15 min): exchange the secret again, once, and resend.
                lane.reauthorized = true;
                String token = provisioner.exchange(lane.collar.pairing());
                if (token != null) {
                    lane.collar.deviceToken(token);
                    requeue(lane, System.nanoTime());
                    return;
                }
            }
            if (PettyApi.isRetryable(status)) {
                retryLater(lane, response.retryAfter());
            } else {
                giveUp(lane);
            }
        }

        /** @return how many readings of the batch the server holds, each marked in the collar's acknowledgements */
        private int acknowledge(Lane lane, Batch batch, HttpConnection.Response response) {
            if (plan.batch() == 1) {
                lane.acknowledged.set((int) batch.firstIndex);
                return 1;
            }
            BitSet held = Receipts.acknowledged(response.body());
            for (int position = held.nextSetBit(0); position >= 0; position = held.nextSetBit(position + 1)) {
                lane.acknowledged.set((int) (batch.firstIndex + position));
            }
            return held.cardinality();
        }

        /**
         * Latency of the requests the server served: a 429 or 503 refusal is answered at once and would make the
         * percentiles look better than the work they measure; refusals are counted under errors instead.
         */
        private static void recordServed(Recorder latency, int status, long sentNanos) {
            if (status != 429 && status != 503) {
                latency.recordValue((System.nanoTime() - sentNanos) / 1000);
            }
        }

        private void retryLater(Lane lane, Duration retryAfter) {
            Batch batch = lane.pending;
            Duration wait = plan.retry().delay(batch.attempts, retryAfter, ThreadLocalRandom.current());
            long at = System.nanoTime() + wait.toNanos();
            if (!plan.retry().mayRetry(batch.attempts) || at > giveUpNanos) {
                giveUp(lane);
            } else {
                requeue(lane, at);
            }
        }

        private void giveUp(Lane lane) {
            givenUp.add(lane.pending.count);
            lane.pending = null;
            requeue(lane, System.nanoTime());
        }

        private void requeue(Lane lane, long atNanos) {
            lane.readyAt(atNanos);
            ready.put(lane);
        }

        private void fail(String status) {
            failures.increment();
            errors.computeIfAbsent(status, s -> new LongAdder()).increment();
        }

        /** An owner's app: polls the real-time view of each of the owner's collars every read interval. */
        private void read(Fleet.Owner owner, long firstRoundNanos) {
            boolean reauthorized = false;
            List<String> targets = owner.collars().stream().map(collar -> "/v1/realtime?collar_id="
                    + URLEncoder.encode(collar.id(), StandardCharsets.UTF_8)).toList();
            String token = null;
            byte[] authorization = null;
            HttpConnection connection = connections.open();
            long interval = plan.readInterval().toNanos();
            try {
                long nextRound = firstRoundNanos;
                while (sending) {
                    sleepUntil(nextRound);
                    // A round that fell behind is not made up for with a burst.
                    nextRound = Math.max(nextRound + interval, System.nanoTime());
                    for (String target : targets) {
                        if (!owner.accessToken().equals(token)) {
                            token = owner.accessToken();
                            authorization = HttpConnection.bearer(token);
                        }
                        long sent = System.nanoTime();
                        HttpConnection.Response response;
                        try {
                            response = connection.send("GET", target, authorization, null, false);
                        } catch (IOException lost) {
                            if (!sending) {
                                return;
                            }
                            readStatuses.computeIfAbsent("io", s -> new LongAdder()).increment();
                            continue;
                        }
                        int status = response.status();
                        recordServed(readLatency, status, sent);
                        readStatuses.computeIfAbsent(Integer.toString(status), s -> new LongAdder()).increment();
                        if (status == 429) {
                            TimeUnit.NANOSECONDS.sleep(response.retryAfter().toNanos());
                        } else if (status == 401 && !reauthorized) {
                            // The owner's access token expired (15 min): log in again, once.
                            reauthorized = true;
                            reLogIn(owner);
                        } else if (status == 200) {
                            reauthorized = false;
                        }
                    }
                }
            } catch (InterruptedException stopped) {
                // The run is over: sending stopped while this reader waited.
            } finally {
                connection.close();
            }
        }

        private static void sleepUntil(long nanoTime) throws InterruptedException {
            long rest = nanoTime - System.nanoTime();
            if (rest > 0) {
                TimeUnit.NANOSECONDS.sleep(rest);
            }
        }

        private void reLogIn(Fleet.Owner owner) {
            try {
                String token = provisioner.login(owner.account());
                if (token != null) {
                    owner.accessToken(token);
                }
            } catch (IllegalStateException unreachable) {
                readStatuses.computeIfAbsent("login failed", s -> new LongAdder()).increment();
            }
        }

        /** The server's used heap, from MicroProfile Metrics' base scope (Prometheus text), when it exposes it. */
        private void sampleHeap() {
            try {
                HttpConnection.Response metrics = heapConnection.send("GET", "/metrics?scope=base", null, null, true);
                if (metrics.status() == 200) {
                    HeapMetric.usedHeapBytes(metrics.body()).ifPresent(used -> maxHeap.accumulateAndGet(used, Math::max));
                }
            } catch (IOException unavailable) {
                // No figure this second; the report says what it saw.
            }
        }

        private void tick() {
            drainHistograms();
            long now = System.nanoTime();
            long total = acknowledged.sum();
            double seconds = (now - lastTickNanos) / 1e9;
            listener.progress(new LoadListener.Progress(Duration.ofNanos(now - startNanos), total,
                    seconds > 0 ? (total - lastTickAcknowledged) / seconds : 0,
                    ingestTotal.getValueAtPercentile(99) / 1000.0, failures.sum()));
            lastTickNanos = now;
            lastTickAcknowledged = total;
        }

        /** Only the tick (one at a time) and, once the samplers have stopped, the report read the totals. */
        private void drainHistograms() {
            ingestTotal.add(ingestLatency.getIntervalHistogram());
            readTotal.add(readLatency.getIntervalHistogram());
        }

        private LoadReport report(Duration elapsed) {
            Map<String, Acknowledgements.Collar> byCollar = new TreeMap<>();
            lanes.forEach(lane -> byCollar.put(lane.collar.id(),
                    new Acknowledgements.Collar(lane.simulation.start(), lane.acknowledged)));
            long heap = maxHeap.get();
            return new LoadReport(plan, fleet, elapsed, requests.sum(), retries.sum(), acknowledged.sum(),
                    rejected.sum(), givenUp.sum(), clockWaits.sum(), LoadReport.Latency.of(ingestTotal), sums(errors),
                    plan.readers() == 0 ? null : new LoadReport.Reads(LoadReport.Latency.of(readTotal), sums(readStatuses)),
                    plan.probes().count() == 0 ? null : events(),
                    heap < 0 ? OptionalLong.empty() : OptionalLong.of(heap),
                    new Acknowledgements(plan.readingInterval(), byCollar), null, null);
        }

        /** The probes' figures together: only once they have stopped. */
        private LoadReport.Events events() {
            Histogram latency = new Histogram(3);
            long timeouts = 0;
            long refused = 0;
            long failed = 0;
            long polls = 0;
            for (EventProbe probe : probes) {
                latency.add(probe.latency());
                timeouts += probe.timeouts();
                refused += probe.refused();
                failed += probe.failed();
                polls += probe.polls();
            }
            return new LoadReport.Events(probes.size(), LoadReport.Latency.of(latency), timeouts, refused, failed, polls);
        }
    }

    /** A batch being sent: its body is kept so that a retry sends exactly the same readings. */
    private static final class Batch {
        final byte[] body;
        final long firstIndex;
        final int count;
        int attempts;

        Batch(byte[] body, long firstIndex, int count) {
            this.body = body;
            this.firstIndex = firstIndex;
            this.count = count;
        }
    }

    /**
     * One collar's turn: in the delay queue while it waits (for a worker, or out a backoff), in a worker's hands
     * while it sends. Never both, so its fields need no locking: the queue hands them over between threads.
     */
    private static final class Lane implements Delayed {
        final Fleet.Collar collar;
        final CollarSimulation simulation;
        final BitSet acknowledged = new BitSet();
        Batch pending;
        boolean reauthorized;
        boolean waitingForClock;
        /** Volatile: an abandoned run's is read while its workers may still be stopping. */
        volatile Instant newestSent;
        private long readyAt;
        private String authorizedToken;
        private byte[] authorization;

        Lane(Fleet.Collar collar, CollarSimulation simulation) {
            this.collar = collar;
            this.simulation = simulation;
        }

        void readyAt(long nanos) {
            readyAt = nanos;
        }

        /** The {@code Authorization} header for the collar's current device token, encoded once per token. */
        byte[] authorization() {
            String token = collar.deviceToken();
            if (!token.equals(authorizedToken)) {
                authorization = HttpConnection.bearer(token);
                authorizedToken = token;
            }
            return authorization;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(readyAt - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(readyAt, ((Lane) other).readyAt);
        }
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> sums = new TreeMap<>();
        counters.forEach((key, counter) -> sums.put(key, counter.sum()));
        return sums;
    }

    private static Thread start(String name, Runnable task) {
        Thread thread = daemon(name, task);
        thread.start();
        return thread;
    }

    /** Daemons: an abandoned run (its caller interrupted) must not keep the JVM alive. */
    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
