package com.wheretoeat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding example in the README compiles and does what the README says it does. */
class EmbeddingExampleTest {
    private static final Pattern EXAMPLE =
            Pattern.compile("<!-- embedding-example -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theReadmeExampleCompilesRunsAndCountsTwoVotesForOnePlace(@TempDir Path work) throws Exception {
        String source = readmeExample();
        assertThat(source.lines().count()).as("about fifteen lines").isLessThanOrEqualTo(20);
        Path file = work.resolve("LunchVote.java");
        Files.writeString(file, source);

        compile(file, work);
        String printed = runMain(work, "LunchVote");

        assertThat(printed.lines().toList()).hasSize(5);
        assertThat(printed).contains("#1 MemberJoined", "#2 MemberJoined", "#3 VoteCast", "#4 VoteCast");
        assertThat(printed.lines().toList()).last().isEqualTo("Noodle Bar: 2");
    }

    private static String readmeExample() throws IOException {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        String readme = Files.readString(module.resolve("../README.md"));
        Matcher matcher = EXAMPLE.matcher(readme);
        assertThat(matcher.find()).as("README.md holds the embedding example").isTrue();
        return matcher.group(1);
    }

    private static void compile(Path file, Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        Boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString()),
                null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file)).call();
        assertThat(ok).as("the example compiles:%n%s", diagnostics).isTrue();
    }

    private static String runMain(Path classes, String className) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                EmbeddingExampleTest.class.getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
