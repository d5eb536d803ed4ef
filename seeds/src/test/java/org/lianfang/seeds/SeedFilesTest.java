package org.lianfang.seeds;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SeedFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsFilesInNameOrderSkippingBlankLines() throws Exception {
        Files.writeString(dir.resolve("020-b.jsonl"), "{\"key\":\"b\",\"as\":\"medic\",\"path\":\"/api/v1/b\"}\n");
        Files.writeString(dir.resolve("010-a.jsonl"), "\n{\"key\":\"a\",\"as\":\"operator\",\"path\":\"/api/v1/a\",\"body\":{}}\n");
        Files.writeString(dir.resolve("notes.txt"), "not a seed file");

        assertThat(SeedFiles.read(dir)).extracting(SeedRequest::key, SeedRequest::file, SeedRequest::line, SeedRequest::method)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "010-a.jsonl", 2, "POST"),
                        org.assertj.core.groups.Tuple.tuple("b", "020-b.jsonl", 1, "POST"));
    }

    @Test
    void rejectsTheWholeDataSetNamingEveryBrokenLine() throws Exception {
        Files.writeString(dir.resolve("010-a.jsonl"), String.join("\n",
                "{\"key\":\"a\",\"as\":\"operator\",\"path\":\"/api/v1/a\"}",
                "{\"key\":\"a\",\"as\":\"operator\",\"path\":\"/api/v1/b\"}",
                "{\"key\":\"c\",\"as\":\"nurse\",\"path\":\"/api/v1/c\"}",
                "{\"key\":\"d\",\"as\":\"operator\",\"path\":\"/api/v1/d\"",
                "{\"key\":\"e\",\"as\":\"operator\",\"path\":\"/api/v1/e\",\"until\":\"/id\"}",
                "{\"key\":\"f\",\"as\":\"operator\",\"path\":\"/persons\"}",
                "{\"key\":\"g\",\"as\":\"operator\",\"path\":\"/api/v1/g\",\"bdy\":{}}",
                "{\"as\":\"operator\",\"path\":\"/api/v1/h\"}") + "\n");

        SeedFiles.InvalidSeedData invalid = catchThrowableOfType(() -> SeedFiles.read(dir), SeedFiles.InvalidSeedData.class);

        assertThat(invalid.problems()).hasSize(7);
        assertThat(invalid.problems().get(0)).startsWith("010-a.jsonl:2: key a is used twice");
        assertThat(invalid.problems().get(1)).startsWith("010-a.jsonl:3: 'as' must be one of");
        assertThat(invalid.problems().get(2)).startsWith("010-a.jsonl:4: not JSON");
        assertThat(invalid.problems().get(3)).startsWith("010-a.jsonl:5: a wait ('until') must be a GET");
        assertThat(invalid.problems().get(4)).startsWith("010-a.jsonl:6: path must start with /api/v1/");
        assertThat(invalid.problems().get(5)).startsWith("010-a.jsonl:7: unknown field 'bdy'");
        assertThat(invalid.problems().get(6)).startsWith("010-a.jsonl:8: no key");
    }
}
