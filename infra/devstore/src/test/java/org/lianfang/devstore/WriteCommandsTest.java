package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteCommandsTest {

    @ParameterizedTest(name = "{0} changes data: {1}")
    @CsvSource({
        "insert, true", "update, true", "delete, true", "findAndModify, true", "findandmodify, true",
        "create, true", "createIndexes, true", "drop, true", "dropIndexes, true", "dropDatabase, true",
        "renameCollection, true", "someFutureCommand, true",
        "find, false", "getMore, false", "count, false", "distinct, false", "listIndexes, false",
        "listCollections, false", "ping, false", "hello, false", "isMaster, false", "ismaster, false",
        "buildInfo, false", "killCursors, false", "endSessions, false", "serverStatus, false"})
    void classifiesCommandsByName(String command, boolean changesData) {
        assertThat(WriteCommands.mayChangeData(command, Map.of())).isEqualTo(changesData);
    }

    @ParameterizedTest(name = "aggregate with {0} changes data: {1}")
    @CsvSource({"$match, false", "$group, false", "$out, true", "$merge, true"})
    void aggregateChangesDataOnlyWhenItWritesItsOutput(String stage, boolean changesData) {
        Map<String, Object> query = Map.of("aggregate", "c",
            "pipeline", List.of(Map.of("$match", Map.of()), Map.of(stage, "target")));

        assertThat(WriteCommands.mayChangeData("aggregate", query)).isEqualTo(changesData);
    }
}
