/** The live log in plain JDBC: numbering under a row lock, one notification per transaction. */
package io.petty.domain.live.internal;
