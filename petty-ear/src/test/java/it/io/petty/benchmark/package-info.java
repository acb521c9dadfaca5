/** Benchmarks against the test server, run on purpose (see docs/benchmarks.md), never by the build. */
package it.io.petty.benchmark;
