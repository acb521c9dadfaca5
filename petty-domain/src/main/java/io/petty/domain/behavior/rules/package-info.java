/**
 * The rule detectors: the original system's Deep Sleep, Anxious Pacing and Playing Fetch, over contiguous runs of
 * readings instead of whole-day pools, and the walk, play and rest sessions a day is made of. Each computes its
 * confidence from its evidence.
 */
package io.petty.domain.behavior.rules;
