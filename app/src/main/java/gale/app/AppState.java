package gale.app;

/** What the routes work on: who this instance is, the shared database, the CPU burner. */
record AppState(String taskId, long pid, String host, Database database, CpuBurner burner) {}
