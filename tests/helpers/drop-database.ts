/**
 * Drops a PostgreSQL test database through `run` (a query on the maintenance
 * database). FORCE ends our own connections, but not an autovacuum worker,
 * which belongs to no role a test may signal ("must be a member of the role
 * whose process is being terminated"); on a test database it finishes in
 * moments, so the drop is tried again.
 */
export async function dropTestDatabase(run: (sql: string) => Promise<unknown>, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "42501" || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
