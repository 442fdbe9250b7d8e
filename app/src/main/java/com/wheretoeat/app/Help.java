package com.wheretoeat.app;

/** The text {@code --help} prints: how to run the app and every variable with its default. */
final class Help {
    private Help() {}

    static String text() {
        StringBuilder help = new StringBuilder("""
                Where to Eat: decide where to eat, together, live.

                Usage: java -jar where-to-eat.jar [--help | --version]

                Configured by environment variables (unset or empty: the default):

                """);
        // Each variable on its own line with its default; what it means indented below, so long
        // names and defaults never push the text out of line.
        for (Variable variable : Variable.values()) {
            String shown = variable.defaultValue().isEmpty() ? "(unset)" : variable.defaultValue();
            help.append(String.format("  %s  (default %s)%n      %s%n", variable.name(), shown, variable.description()));
        }
        return help.toString();
    }
}
