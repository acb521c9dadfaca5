/** The pet plan over HTTP: energy needs and the activity goal of one of the caller's pets. */
package io.petty.api.plan;
