/** Accounts, credentials, roles, encrypted personal data, and the tokens that prove who is calling. */
package io.petty.domain.identity;
