// Runs once per `vitest run`: migrates the template databases every test copies.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import pg from "pg";
import { pgConnectionConfig } from "../../app/db.config.js";
import { pgTemplateDb, postgresTestUrl, postgresUrlFor, sqliteTemplate, TMP_DIR } from "../helpers/databases";

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
  mkdirSync(TMP_DIR, { recursive: true });
  migrate(`file:${sqliteTemplate()}`);

  const pgUrl = postgresTestUrl();
  if (pgUrl) {
    await admin(pgUrl, `DROP DATABASE IF EXISTS "${pgTemplateDb()}" WITH (FORCE)`);
    await admin(pgUrl, `CREATE DATABASE "${pgTemplateDb()}"`);
    migrate(postgresUrlFor(pgTemplateDb()));
  }
  return async () => {
    rmSync(sqliteTemplate(), { force: true });
    if (pgUrl) await admin(pgUrl, `DROP DATABASE IF EXISTS "${pgTemplateDb()}" WITH (FORCE)`);
  };
}
