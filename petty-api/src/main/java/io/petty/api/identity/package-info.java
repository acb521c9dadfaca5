/** Accounts, tokens and the public signing keys over HTTP, and the checks every authenticated request passes. */
package io.petty.api.identity;
