package com.wheretoeat.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;

/** The headers every answer must carry, errors included, checked the same way everywhere. */
final class SecurityHeaders {
    private SecurityHeaders() {}

    static void assertSecured(Answer answer) {
        assertSecured(answer::header);
    }

    /** {@code header} gives the first value of a response header by name, or null. */
    static void assertSecured(Function<String, String> header) {
        assertThat(header.apply("Content-Security-Policy"))
                .contains("script-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(header.apply("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header.apply("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(header.apply("X-Frame-Options")).isEqualTo("DENY");
    }
}
