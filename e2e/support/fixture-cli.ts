/**
 * The command line shared by the e2e fixture scripts, which run as processes of
 * their own beside the server (it writes to the same database file).
 */
import { createDatabase, type Database } from "../../app/db.server";

/** Runs `main` and exits with its code; an error is printed with its stack and exits 1. */
export function runScript(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}

/** `DATABASE_URL=… <script> create <tag> | remove '<json>'`: prints what `create` made, as JSON, or removes it. */
export function runFixtureCommand<T>(script: string, fixtures: { create(db: Database, tag: string): Promise<T>; remove(db: Database, made: T): Promise<void> }): void {
  runScript(async () => {
    const [command, argument] = process.argv.slice(2);
    const url = process.env.DATABASE_URL;
    if (!url || !argument || (command !== "create" && command !== "remove")) {
      console.error(`Usage: DATABASE_URL=… ${script} create <tag> | remove '<json>'`);
      return 2;
    }
    const db = createDatabase(url);
    try {
      if (command === "create") console.log(JSON.stringify(await fixtures.create(db, argument)));
      else await fixtures.remove(db, JSON.parse(argument) as T);
      return 0;
    } finally {
      await db.$disconnect();
    }
  });
}
