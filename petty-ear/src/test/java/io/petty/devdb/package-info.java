/** The embedded PostgreSQL that the run command and the tests use when no PETTY_DB_URL is given. */
package io.petty.devdb;
