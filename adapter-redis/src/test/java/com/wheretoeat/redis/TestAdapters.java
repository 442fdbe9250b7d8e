package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaPorts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The adapters a test runs on, on a Redis of the test class's own: opened on fresh settings (a key
 * prefix no other test uses) when the test or its contract asks, closed after each test. One per test
 * instance: {@code @RegisterExtension final TestAdapters redis = new TestAdapters(REDIS::freshSettings)}.
 */
final class TestAdapters implements AfterEachCallback {
    private final Supplier<RedisSettings> settings;
    private final List<RedisAdapters> opened = new ArrayList<>();

    TestAdapters(Supplier<RedisSettings> settings) {
        this.settings = settings;
    }

    /** Adapters on fresh settings, changed by {@code tune}. */
    RedisAdapters open(UnaryOperator<RedisSettings> tune) {
        RedisAdapters adapters = RedisAdapters.connect(tune.apply(settings.get()));
        opened.add(adapters);
        return adapters;
    }

    RedisAdapters open() {
        return open(UnaryOperator.identity());
    }

    /** The area store and its events, as the area contracts take them. */
    AreaPorts areaPorts(UnaryOperator<RedisSettings> tune) {
        RedisAdapters adapters = open(tune);
        return new AreaPorts(adapters.areaStore(), adapters.areaEvents());
    }

    AreaPorts areaPorts() {
        return areaPorts(UnaryOperator.identity());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        opened.forEach(RedisAdapters::close);
        opened.clear();
    }
}
