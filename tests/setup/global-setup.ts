// Runs once per `vitest run`: migrates the template databases every test copies.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { adminQuery, dropDatabase, pgTemplateDb, postgresTestUrl, postgresUrlFor, sqliteTemplate, TMP_DIR } from "../helpers/databases";

function migrate(databaseUrl: string) {
  execFileSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe", // the error carries stderr when it fails
  });
}

export default async function setup() {
  mkdirSync(TMP_DIR, { recursive: true });
  migrate(`file:${sqliteTemplate()}`);

  const pgUrl = postgresTestUrl();
  if (pgUrl) {
    await dropDatabase(pgTemplateDb(), pgUrl);
    await adminQuery(`CREATE DATABASE "${pgTemplateDb()}"`, pgUrl);
    migrate(postgresUrlFor(pgTemplateDb()));
  }
  return async () => {
    rmSync(sqliteTemplate(), { force: true });
    if (pgUrl) await dropDatabase(pgTemplateDb(), pgUrl);
  };
}
