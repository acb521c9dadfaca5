/**
 * The live log: what happened to a pet (a behavior began or ended, an alert opened or resolved), numbered per pet in
 * commit order and kept 7 days, so that a stream can resume from the last event it saw; every server is told of new
 * entries through PostgreSQL notifications.
 */
package io.petty.domain.live;
