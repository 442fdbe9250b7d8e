package com.wheretoeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
