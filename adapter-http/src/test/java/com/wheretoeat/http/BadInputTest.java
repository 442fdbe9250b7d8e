package com.wheretoeat.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear error with a stable code and a sentence, and nothing else breaks. */
class BadInputTest {
    private final Site site = new Site();

    private static byte[] bytes(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'a');
        return body;
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        Answer refused = site.send(Site.fromHere("POST", "/api/areas/office-3f/join")
                .withHeader("Content-Type", "application/json").withBody(bytes(64 * 1024 + 1)));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("too-large");
        assertThat(refused.json().at("/error/message").asText()).isEqualTo("The request body is larger than 64 KiB.");
    }

    @Test
    void aBodyAtTheLimitIsRead() {
        Answer answer = site.send(Site.fromHere("POST", "/api/areas/office-3f/join")
                .withHeader("Content-Type", "application/json").withBody(bytes(64 * 1024)));

        assertThat(answer.status()).isEqualTo(400); // read, and found not to be JSON
    }

    @Test
    void aFormOverTheLimitGetsAnErrorPage() {
        Answer refused = site.send(Site.fromHere("POST", "/a/office-3f/join")
                .withHeader("Content-Type", "application/x-www-form-urlencoded").withBody(bytes(100_000)));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.error().code()).isEqualTo("too-large");
        assertThat(refused.html()).contains("larger than 64 KiB");
    }

    @Test
    void anUnknownPathIsANotFoundPage() {
        Answer missing = site.get("/no/such/page");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error().code()).isEqualTo("not-found");
        assertThat(missing.html()).contains("There is nothing at this address.").contains("href=\"/\"");
    }

    @Test
    void anUnknownPathUnderTheApiIsNotFoundInJson() {
        Answer missing = site.get("/api/nothing");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/error/code").asText()).isEqualTo("not-found");
        assertThat(missing.json().at("/error/message").asText()).isNotBlank();
    }

    @Test
    void anApiAddressWithEscapedLettersIsAnsweredInJsonLikeTheApi() {
        Answer refused = site.send(Site.fromHere("POST", "/%61pi/areas/office-3f/join")
                .withBody("application/json", "{}"));
        Answer missing = site.get("/%61pi/nothing");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/error/message").asText()).isEqualTo("The name is missing.");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/error/code").asText()).isEqualTo("not-found");
    }

    @Test
    void anErrorUnderAnEscapedAreaAddressLeadsBackToTheArea() {
        Answer refused = site.send(Site.fromHere("POST", "/%61/office-3f/join").withHeader("Origin", "http://elsewhere"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error().back()).isEqualTo("/a/office-3f");
    }

    @Test
    void aWrongMethodIsNotAllowedAndSaysWhichAre() {
        Answer refused = site.send(Site.fromHere("DELETE", "/a/office-3f"));

        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.header("Allow")).isEqualTo("GET");
        assertThat(refused.error().code()).isEqualTo("method-not-allowed");
        assertThat(refused.html()).contains("does not take DELETE requests");
    }

    @Test
    void aWrongMethodUnderTheApiIsNotAllowedInJson() {
        Answer refused = site.send(Site.fromHere("GET", "/api/areas/office-3f/vote"));

        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.header("Allow")).isEqualTo("POST");
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("method-not-allowed");
    }

    @Test
    void aMadeUpMethodIsNotEchoed() {
        Answer refused = site.send(Site.fromHere("<SCRIPT>", "/"));

        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.html()).doesNotContain("SCRIPT");
    }

    @Test
    void headIsAnsweredLikeGet() {
        assertThat(site.send(Site.fromHere("HEAD", "/healthz")).status()).isEqualTo(200);
    }

    @Test
    void aMalformedFormEncodingIsABadRequest() {
        Browser ann = site.browser();
        ann.open("office-3f");
        Request broken = Site.fromHere("POST", "/a/office-3f/join").withHeader("Origin", "http://" + Site.HOST)
                .withBody("application/x-www-form-urlencoded", "csrf=" + ann.csrf() + "&name=%zz");

        Answer refused = ann.send(broken);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().message()).isEqualTo("The form or query string is not properly encoded.");
    }

    @Test
    void aMalformedPathEncodingIsNotFound() {
        assertThat(site.get("/a/%zz").status()).isEqualTo(404);
    }

    @Test
    void anAreaNameTooLongIsABadRequest() {
        Answer refused = site.get("/a/" + "a".repeat(65));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().message()).isEqualTo("The area name must be at most 64 characters long.");
    }

    @Test
    void aNameWithControlCharactersIsABadRequest() {
        Browser ann = site.browser();
        ann.open("office-3f");

        Answer refused = ann.join("office-3f", "Ann\u202Egnp.exe");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().message()).contains("must not contain invisible or control characters");
    }

    @Test
    void afterBadInputTheSiteStillWorks() {
        site.send(Site.fromHere("POST", "/api/areas/office-3f/join").withBody("application/json", "{{{"));
        site.send(Site.fromHere("PATCH", "/"));

        Browser ann = site.browser();
        ann.open("office-3f");
        assertThat(ann.join("office-3f", "Ann").status()).isEqualTo(303);
    }
}
