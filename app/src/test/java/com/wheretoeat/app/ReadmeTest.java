package com.wheretoeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's configuration table tells the truth about every variable the app reads. */
class ReadmeTest {

    @Test
    void theConfigurationTableListsEveryVariableWithItsDefault() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "..", "README.md"));
        String table = readme.substring(readme.indexOf("<!-- configuration-table -->"));

        for (Variable variable : Variable.values()) {
            String shown = variable.defaultValue().isEmpty() ? "unset" : "`" + variable.defaultValue() + "`";
            assertThat(table).as("README row for %s", variable).contains("| `" + variable.name() + "` | " + shown + " |");
        }
    }

    @Test
    void theConfigurationTableListsNoVariableTheAppDoesNotRead() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "..", "README.md"));
        String table = readme.substring(readme.indexOf("<!-- configuration-table -->"));
        table = table.substring(0, table.indexOf("\n\n"));
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|").matcher(table);

        List<String> shown = new ArrayList<>();
        while (row.find()) {
            shown.add(row.group(1));
        }
        assertThat(shown).as("a removed setting (such as WS_PORT) leaves the table too")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Variable.values()).map(Variable::name).toList());
    }
}
