package org.lianfang.seeds.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SoakStatsTest {

    private static final long MS = 1_000_000L;
    private static final long MINUTE = 60_000 * MS;

    @Test
    void percentilesAreNearestRank() {
        long[] hundred = LongStream.rangeClosed(1, 100).map(i -> i * MS).toArray();
        assertThat(SoakStats.percentileMs(hundred, 0.50)).isEqualTo(50.0);
        assertThat(SoakStats.percentileMs(hundred, 0.99)).isEqualTo(99.0);
        assertThat(SoakStats.percentileMs(hundred, 1.0)).isEqualTo(100.0);

        long[] three = {10 * MS, 20 * MS, 900 * MS};
        assertThat(SoakStats.percentileMs(three, 0.50)).isEqualTo(20.0);
        assertThat(SoakStats.percentileMs(three, 0.99)).as("one slow request in three is the p99").isEqualTo(900.0);
        assertThat(SoakStats.percentileMs(new long[] {7 * MS}, 0.01)).isEqualTo(7.0);
        assertThat(SoakStats.percentileMs(new long[0], 0.99)).isZero();
    }

    @Test
    void requestsGoToTheMinuteTheyWereScheduledInEvenWhenAnsweredLater() {
        SoakStats stats = new SoakStats();
        stats.record(new SoakStats.Sample("crossing", 0, 5 * MS, true));
        stats.record(new SoakStats.Sample("crossing", MINUTE - MS, 3_000 * MS, true));
        stats.record(new SoakStats.Sample("register", MINUTE, 8 * MS, false));
        stats.record(new SoakStats.Sample("trail", 2 * MINUTE + 5 * MS, 12 * MS, true));

        Map<Integer, SoakStats.Summary> minutes = stats.perMinute();

        assertThat(minutes).containsOnlyKeys(0, 1, 2);
        assertThat(minutes.get(0)).isEqualTo(new SoakStats.Summary(2, 0, 5.0, 3_000.0, 3_000.0));
        assertThat(minutes.get(1)).isEqualTo(new SoakStats.Summary(1, 1, 8.0, 8.0, 8.0));
        assertThat(minutes.get(2).requests()).isEqualTo(1);
        assertThat(stats.total()).isEqualTo(new SoakStats.Summary(4, 1, 8.0, 3_000.0, 3_000.0));
        assertThat(stats.perOperation()).containsOnlyKeys("crossing", "register", "trail");
        assertThat(stats.perOperation().get("crossing").requests()).isEqualTo(2);
        assertThat(stats.perOperation().get("register").errors()).isEqualTo(1);
    }

    @Test
    void heapInfoOfSerialAndG1IsSummedWithoutMetaspace() {
        String serial = """
                12345:
                 def new generation   total 78656K, used 1400K [0x00000000f0000000, 0x00000000f5550000, 0x00000000f5550000)
                  eden space 69952K,   2% used [0x00000000f0000000, 0x00000000f015e0b0, 0x00000000f4450000)
                  from space 8704K,   0% used [0x00000000f4450000, 0x00000000f4450000, 0x00000000f4cd0000)
                 tenured generation   total 174784K, used 52000K [0x00000000f5550000, 0x0000000100000000, 0x0000000100000000)
                   the space 174784K,  29% used [0x00000000f5550000, 0x00000000f8ea1d28, 0x00000000f8ea1e00, 0x0000000100000000)
                 Metaspace       used 80000K, committed 81000K, reserved 1114112K
                  class space    used 10000K, committed 10500K, reserved 1048576K
                """;
        assertThat(HeapAfterGc.parseUsedBytes(serial)).isEqualTo(OptionalLong.of((1400 + 52000) * 1024L));

        String g1 = """
                4242:
                 garbage-first heap   total 262144K, used 23456K [0x00000000f0000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                 Metaspace       used 50000K, committed 51000K, reserved 1097728K
                """;
        assertThat(HeapAfterGc.parseUsedBytes(g1)).isEqualTo(OptionalLong.of(23456 * 1024L));
        assertThat(HeapAfterGc.parseUsedBytes("4242:\nAttach failed")).isEmpty();
    }

    @Test
    void residentIdCheckCharacterFollowsGb11643() {
        // the examples the seed data and the registry's tests use
        assertThat(SoakClient.checkCharacter("41132419721120949")).isEqualTo('3');
        assertThat(SoakClient.checkCharacter("11010519491231002")).isEqualTo('X');
    }

    @Test
    void theMixIsHalfWritesAndHalfReads() {
        long writes = SoakClient.MIX.stream().filter(op -> op.equals("register") || op.equals("temperature")
                || op.equals("crossing")).count();
        assertThat(SoakClient.MIX).hasSize(20);
        assertThat(writes).isEqualTo(10);
    }
}
