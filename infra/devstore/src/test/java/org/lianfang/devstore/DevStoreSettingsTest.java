package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevStoreSettingsTest {

    @Test
    void defaultsToTheH2FileUnderVarDataOnPort27017() {
        DevStoreSettings settings = DevStoreSettings.parse(new String[0], Map.of());

        assertThat(settings.memory()).isFalse();
        assertThat(settings.file()).isEqualTo(Path.of("var/data/lianfang.mv"));
        assertThat(settings.port()).isEqualTo(27017);
        assertThat(settings.fsync()).isFalse();
    }

    @Test
    void takesDirectoryPortAndFsyncFromTheEnvironment() {
        DevStoreSettings settings = DevStoreSettings.parse(new String[0],
            Map.of("LIANFANG_STORE_DIR", "/srv/store", "LIANFANG_STORE_PORT", "27100", "LIANFANG_STORE_FSYNC", "true"));

        assertThat(settings.file()).isEqualTo(Path.of("/srv/store/lianfang.mv"));
        assertThat(settings.port()).isEqualTo(27100);
        assertThat(settings.fsync()).isTrue();
    }

    @Test
    void flagsWinOverTheEnvironment() {
        DevStoreSettings settings = DevStoreSettings.parse(
            new String[] {"--port", "27200", "--dir=/tmp/x", "--memory"},
            Map.of("LIANFANG_STORE_DIR", "/srv/store", "LIANFANG_STORE_PORT", "27100"));

        assertThat(settings.port()).isEqualTo(27200);
        assertThat(settings.dir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(settings.memory()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port=70000", "--port=-1", "--port=abc", "--port", "--dir=", "--colour=red"})
    void rejectsBadArgumentsWithAMessageNamingThem(String arg) {
        assertThatThrownBy(() -> DevStoreSettings.parse(new String[] {arg}, Map.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
    }

    @Test
    void rejectsAPortInTheEnvironmentThatIsNoPort() {
        assertThatThrownBy(() -> DevStoreSettings.parse(new String[0], Map.of("LIANFANG_STORE_PORT", "mongo")))
            .hasMessageContaining("LIANFANG_STORE_PORT");
    }

    @Test
    void thePageCacheIsAQuarterOfTheHeapBetween16MbAnd1Gb() {
        long mb = 1024 * 1024;
        assertThat(DevStore.cacheMegabytes(384 * mb)).isEqualTo(96);
        assertThat(DevStore.cacheMegabytes(768 * mb)).isEqualTo(192);
        assertThat(DevStore.cacheMegabytes(32 * mb)).isEqualTo(16);
        assertThat(DevStore.cacheMegabytes(16L * 1024 * mb)).isEqualTo(1024);
    }
}
