/** What every feature stands on: the database, its schema migrations, the clock. */
package io.petty.domain.platform;
