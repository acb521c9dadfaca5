/**
 * {@code petty load}: a simulated collar fleet that provisions itself through the public API, sends realistic
 * readings, measures throughput and latency, and checks in the database that every acknowledged reading is there.
 * {@link io.petty.cli.load.FleetSimulator} is the engine; {@link io.petty.cli.load.LoadCommand} wraps it.
 */
package io.petty.cli.load;
