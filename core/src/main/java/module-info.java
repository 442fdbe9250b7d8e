/** Where to Eat's core: values, rules, use cases, ports and in-memory adapters, on the JDK alone. */
module com.wheretoeat.core {
    exports com.wheretoeat.core;
    exports com.wheretoeat.core.error;
    exports com.wheretoeat.core.model;
    exports com.wheretoeat.core.port;
    exports com.wheretoeat.core.memory;
}
