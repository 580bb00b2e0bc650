package gale.app.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Optional;

/**
 * One Redis server shared by every task, through one Lettuce connection (thread-safe, pipelined). Each command
 * gives up after {@link #COMMAND_TIMEOUT}: a slow or dead Redis costs a request that much, then the database answers.
 */
final class RedisStore implements CacheStore {

    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> commands;
    private final SetArgs expiry;
    private final SetArgs expiryIfAbsent;

    RedisStore(String url, Duration ttl) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(COMMAND_TIMEOUT);
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                // While Redis is away, fail commands at once instead of queueing them for its return.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            connection = client.connect();
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
        commands = connection.sync();
        expiry = SetArgs.Builder.px(ttl.toMillis());
        expiryIfAbsent = SetArgs.Builder.nx().px(ttl.toMillis());
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(commands.get(key));
    }

    @Override
    public void put(String key, String value) {
        commands.set(key, value, expiry);
    }

    @Override
    public void putIfAbsent(String key, String value) {
        commands.set(key, value, expiryIfAbsent);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
