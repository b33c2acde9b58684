package dev.wireplug.adapters.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedisLinkTest {
    @Test
    void theStoreUrlsItTakes() {
        assertTrue(RedisLink.accepts("redis://127.0.0.1:6379/0"));
        assertTrue(RedisLink.accepts("rediss://:pw@redis.example:6380"));
        assertTrue(RedisLink.accepts("redis-sentinel://sentinel.example:26379/0#mymaster"));
        assertTrue(RedisLink.accepts("redis+cluster://10.0.0.1:7000"));
        assertTrue(RedisLink.accepts("REDIS://host:1"));
        assertFalse(RedisLink.accepts("memory"));
        assertFalse(RedisLink.accepts("http://host:6379"));
        assertFalse(RedisLink.accepts("redis:host"));
    }

    @Test
    void logsNeverShowThePassword() {
        assertEquals("redis://***@127.0.0.1:6379/0", RedisLink.redacted("redis://:s3cr3t@127.0.0.1:6379/0"));
        assertEquals("redis+cluster://***@h:7000", RedisLink.redacted("redis+cluster://user:pw@h:7000"));
        assertEquals("redis://127.0.0.1:6379/0", RedisLink.redacted("redis://127.0.0.1:6379/0"));
    }
}
