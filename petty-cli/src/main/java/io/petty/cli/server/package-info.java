/**
 * The commands that work through a running server's REST API rather than on the database: the jobs
 * ({@code petty export}, {@code erase}, {@code reanalyse}, {@code jobs}), which only a server runs, as the role the
 * API gives the caller. {@link io.petty.cli.server.ServerApi} is the one HTTP client; it signs in with
 * {@code PETTY_TOKEN} or an e-mail and a typed password, and turns a problem document into the command's error.
 */
package io.petty.cli.server;
