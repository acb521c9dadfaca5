package io.petty.cli;

/** {@code --output}: a table for people, or JSON for scripts. */
public enum OutputFormat {
    TEXT, JSON
}
