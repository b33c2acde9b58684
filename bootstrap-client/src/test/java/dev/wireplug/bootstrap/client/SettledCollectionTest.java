package dev.wireplug.bootstrap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SettledCollectionTest {

    @Test
    void collectsOnceAfterTheDelay() throws Exception {
        CountDownLatch collected = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        try (SettledCollection c = SettledCollection.schedule(Duration.ofMillis(50), () -> {
            runs.incrementAndGet();
            collected.countDown();
        })) {
            assertTrue(collected.await(30, TimeUnit.SECONDS), "the collection never ran");
            Thread.sleep(100);
            assertEquals(1, runs.get(), "once only");
        }
    }

    @Test
    void closingFirstMeansNoCollection() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        SettledCollection c = SettledCollection.schedule(Duration.ofMillis(300), runs::incrementAndGet);
        c.close();
        Thread.sleep(600);
        assertEquals(0, runs.get());
    }
}
