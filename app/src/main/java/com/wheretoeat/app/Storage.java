package com.wheretoeat.app;

import com.wheretoeat.core.WhereToEatBuilder;
import com.wheretoeat.core.memory.InMemoryAreaEvents;
import com.wheretoeat.core.memory.InMemoryAreaStore;
import com.wheretoeat.core.memory.InMemorySessions;
import com.wheretoeat.core.port.NameKeys;
import com.wheretoeat.names.IcuNameKeys;
import com.wheretoeat.redis.RedisAdapters;
import com.wheretoeat.redis.RedisSettings;
import java.net.URI;
import java.time.Duration;

/** Where the app keeps its state: in this process, or in a Redis that many nodes share. */
sealed interface Storage extends AutoCloseable {
    /** How names are told apart, in every mode: Unicode's confusable skeletons (docs/architecture.md). */
    NameKeys NAME_KEYS = new IcuNameKeys();

    /** Plugs this storage's adapters into the core. */
    WhereToEatBuilder wire(WhereToEatBuilder builder);

    /** A line for the start-up log; never shows a password. */
    String describe();

    @Override
    void close();

    static Storage of(Settings settings) {
        return settings.redisUrl().<Storage>map(url -> Redis.connect(url, settings.redisTimeout())).orElseGet(InMemory::new);
    }

    /** Embedded mode: one process, nothing else to run. */
    final class InMemory implements Storage {
        private final InMemoryAreaEvents events = new InMemoryAreaEvents();

        @Override
        public WhereToEatBuilder wire(WhereToEatBuilder builder) {
            return builder.areas(new InMemoryAreaStore(events, NAME_KEYS), events).sessions(new InMemorySessions());
        }

        @Override
        public String describe() {
            return "in memory (embedded mode: state lives in this process only)";
        }

        @Override
        public void close() {}
    }

    /** Shared mode: every node on the same Redis sees the same areas and every event. */
    final class Redis implements Storage {
        private final RedisAdapters adapters;

        private Redis(RedisAdapters adapters) {
            this.adapters = adapters;
        }

        static Redis connect(URI url, Duration timeout) {
            RedisSettings settings;
            try {
                settings = RedisSettings.fromUrl(url.toString()).withCommandTimeout(timeout);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(Variable.REDIS_URL, EnvironmentReader.redacted(url.toString()), e.getMessage());
            }
            // Every node sharing a Redis must tell names apart the same way: the scripts keep the keys.
            return new Redis(RedisAdapters.builder(settings).nameKeys(NAME_KEYS).connect());
        }

        @Override
        public WhereToEatBuilder wire(WhereToEatBuilder builder) {
            return builder.areas(adapters.areaStore(), adapters.areaEvents()).sessions(adapters.sessions())
                    .places(adapters.areaPlaces());
        }

        @Override
        public String describe() {
            return "on Redis at " + adapters.settings();
        }

        @Override
        public void close() {
            adapters.close();
        }
    }
}
