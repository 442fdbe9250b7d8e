package com.wheretoeat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTest {

    @Test
    void cookiesAreReadPlainOrQuotedAndTheFirstOfANameWins() {
        Map<String, String> cookies = Request.parseCookies(List.of(
                "$Version=\"1\"; wte_session=\"abc\";$Path=\"/\"", "wte_session=other; theme=dark"));

        assertThat(cookies).containsExactly(Map.entry("wte_session", "abc"), Map.entry("theme", "dark"));
    }

    @Test
    void aFormIsDecodedWithRepeatedFields() {
        Request request = Request.of("POST", "/").withBody("application/x-www-form-urlencoded; charset=UTF-8",
                "name=Zo%C3%AB+B&tag=a&tag=b&empty=");

        assertThat(request.form()).containsEntry("name", List.of("Zoë B")).containsEntry("tag", List.of("a", "b"));
        assertThat(request.hasContentType("application/x-www-form-urlencoded")).isTrue();
        assertThat(Request.first(request.form(), "empty")).isEmpty();
    }

    @Test
    void aBrokenFormEncodingIsABadRequest() {
        assertThatThrownBy(() -> Request.parseForm("name=%E2%zz")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aBrokenQueryPartIsKeptAsItCameForTheValuesToJudge() {
        assertThat(Request.parseQuery("q=%zz&area=office")).containsEntry("q", List.of("%zz"))
                .containsEntry("area", List.of("office"));
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        assertThat(Request.of("get", "/").withHeader("X-Thing", "1").header("x-thing")).hasValue("1");
    }

    @Test
    void theTextFormNeverShowsCookies() {
        assertThat(Request.of("GET", "/a/x").withCookie("wte_session", "secret-token").toString())
                .doesNotContain("secret-token");
    }
}
