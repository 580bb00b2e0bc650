package gale.app;

import gale.app.cache.ReadThroughCache;
import gale.app.data.Database;

/** What the routes work on: who this instance is, the shared database and its cache, the CPU burner. */
record AppState(String taskId, long pid, String host, Database database, ReadThroughCache cache, CpuBurner burner) {}
