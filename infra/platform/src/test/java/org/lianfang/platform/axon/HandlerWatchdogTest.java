package org.lianfang.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HandlerWatchdogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(HandlerWatchdog.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private HandlerWatchdog watchdog;

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
        if (watchdog != null) {
            watchdog.close();
        }
    }

    private Object handle(HandlerWatchdog dog, Sleep sleep) throws Exception {
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(sleep));
        try {
            return dog.handle(uow, () -> {
                Thread.sleep(sleep.millis());
                return "done";
            });
        } finally {
            uow.rollback();
        }
    }

    record Sleep(long millis) {
    }

    @Test
    void aSlowHandlerIsReportedWithItsStackAndInterruptedPastTheBound() {
        watchdog = new HandlerWatchdog("test-service", Duration.ofMillis(100), Duration.ofMillis(400),
                Duration.ofMillis(20));

        assertThatThrownBy(() -> handle(watchdog, new Sleep(10_000))).isInstanceOf(InterruptedException.class);

        List<ILoggingEvent> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        List<ILoggingEvent> errors = logs.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertThat(warnings).isNotEmpty();
        assertThat(warnings.get(0).getFormattedMessage()).contains("test-service", "Sleep", "so far",
                "HandlerWatchdogTest");
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("interrupting it", "more than 400 ms"));
        // the interrupt was for that message: the thread is not left interrupted for its next work
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(watchdog.watching()).isZero();
    }

    @Test
    void aHandlerWithinBoundsIsLeftAloneAndForgotten() throws Exception {
        watchdog = new HandlerWatchdog("test-service", Duration.ofMillis(300), Duration.ofMillis(600),
                Duration.ofMillis(10));

        assertThat(handle(watchdog, new Sleep(30))).isEqualTo("done");

        assertThat(logs.list).isEmpty();
        assertThat(watchdog.watching()).isZero();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aHandlerThatFinishedIsNeverInterruptedAfterwards() throws Exception {
        // the clock says every handling started an hour ago, so a check finds it overdue at once; the
        // check only runs by hand here, after the handling ended: nothing may be interrupted then
        long[] now = {0};
        watchdog = new HandlerWatchdog("test-service", Duration.ofMillis(1), Duration.ofMillis(2),
                Duration.ofHours(1), () -> now[0]);
        AtomicBoolean checked = new AtomicBoolean();
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(new Sleep(0)));
        Object result = watchdog.handle(uow, () -> "done");
        uow.rollback();
        now[0] = Duration.ofHours(1).toNanos();
        watchdog.check();
        checked.set(true);

        assertThat(result).isEqualTo("done");
        assertThat(checked).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(logs.list).isEmpty();
    }

    @Test
    void boundsMustBeOrdered() {
        assertThatThrownBy(() -> new HandlerWatchdog("x", Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HandlerWatchdog("x", Duration.ZERO, Duration.ofSeconds(5),
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
