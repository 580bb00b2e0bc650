package gale.app;

import gale.app.cache.ReadThroughCache;
import gale.app.data.Database;

/**
 * What the routes work on: who this instance is (with its revision), the shared database and its cache, the CPU
 * burner, and the fault it plays, if any.
 */
record AppState(
        String taskId,
        int revision,
        long pid,
        String host,
        Database database,
        ReadThroughCache cache,
        CpuBurner burner,
        AppFault fault) {}
