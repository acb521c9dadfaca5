/**
 * What owners say of the events on their pets' timelines: a verdict, what it was instead, a note with personal data
 * redacted. An event with feedback is kept by every later analysis.
 */
package io.petty.domain.feedback;
