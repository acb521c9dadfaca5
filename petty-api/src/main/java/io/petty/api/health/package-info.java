/** MicroProfile Health checks: live, ready (database reachable, schema current), started. */
package io.petty.api.health;
