/** {@code petty}: one class per command, all built by {@link io.petty.cli.Petty#commandLine}. */
package io.petty.cli;
