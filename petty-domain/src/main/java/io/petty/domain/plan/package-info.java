/**
 * The pet plan: how much energy the pet needs a day (resting and maintenance, from its weight, its body condition and
 * how active it has really been) and its daily activity goal against the last 7 days.
 */
package io.petty.domain.plan;
