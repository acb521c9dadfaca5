/** The module and package rules, as tests. */
package io.petty.cli.architecture;
