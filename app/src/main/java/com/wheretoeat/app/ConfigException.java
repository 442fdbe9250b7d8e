package com.wheretoeat.app;

/** A setting that cannot be used; the message names the variable and what is wrong with it. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigException(Variable variable, String value, String problem) {
        super(variable.name() + "='" + value + "': " + problem);
    }
}
