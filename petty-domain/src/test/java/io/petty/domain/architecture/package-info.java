/** The module and package rules, as tests. */
package io.petty.domain.architecture;
