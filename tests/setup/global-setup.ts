// Runs once per `vitest run`: migrates the template databases every test copies.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import pg from "pg";
import { pgConnectionConfig } from "../../app/db.config.js";
import { PG_TEMPLATE_DB, SQLITE_TEMPLATE, TMP_DIR, postgresTestUrl, postgresUrlFor } from "../helpers/databases";

function migrate(databaseUrl: string) {
  execFileSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe", // the error carries stderr when it fails
  });
}

async function admin(url: string, sql: string) {
  const client = new pg.Client({ ...pgConnectionConfig(url), database: "postgres" });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function setup() {
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  migrate(`file:${SQLITE_TEMPLATE}`);

  const pgUrl = postgresTestUrl();
  if (pgUrl) {
    await admin(pgUrl, `DROP DATABASE IF EXISTS "${PG_TEMPLATE_DB}" WITH (FORCE)`);
    await admin(pgUrl, `CREATE DATABASE "${PG_TEMPLATE_DB}"`);
    migrate(postgresUrlFor(PG_TEMPLATE_DB));
  }
  return async () => {
    if (pgUrl) await admin(pgUrl, `DROP DATABASE IF EXISTS "${PG_TEMPLATE_DB}" WITH (FORCE)`);
  };
}
