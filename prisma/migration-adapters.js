// @ts-check
// Driver adapters for the Prisma CLI only (migrations); the app builds its own
// in app/db.server.ts. They work around two upstream gaps in 6.19:
// - SQLite: the shadow database replays a migration through a single-statement
//   call, so multi-statement migrations fail (P3006). Send them to executeScript.
// - PostgreSQL: the CLI reads catalog columns of type `name`, which the pg adapter
//   cannot map (prisma/orm#27403); read them as text. Also create and drop the
//   shadow database ourselves so it is never dropped while still in use. And
//   the adapter's executeScript splits a migration on every ";", which breaks
//   function bodies and comments: send the script whole (PostgreSQL's simple
//   query protocol runs several statements in one call).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { pgConnectionConfig, providerOf } from "../app/db.config.js";

/** @param {string} url */
export async function migrationAdapterFor(url) {
  return providerOf(url) === "postgresql" ? postgresAdapter(url) : sqliteAdapter(url);
}

/** @param {string} url */
function sqliteAdapter(url) {
  const factory = new PrismaBetterSQLite3({ url });
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const shadow = await connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) => {
      if (query.args.length === 0 && query.sql.includes(";")) {
        await shadow.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    return shadow;
  };
  return factory;
}

// OIDs: 19 name, 18 char, 1003 name[], 25 text, 1009 text[].
const AS_TEXT = new Map([
  [19, 25],
  [18, 25],
  [1003, 1009],
]);

/** @param {any} result */
function catalogTypesAsText(result) {
  for (const field of result?.fields ?? []) {
    const replacement = AS_TEXT.get(field.dataTypeID);
    if (replacement) field.dataTypeID = replacement;
  }
  return result;
}

class CatalogSafeClient extends pg.Client {
  /** @param {any[]} args */
  query(...args) {
    /** @type {(...args: any[]) => any} */
    const query = super.query.bind(this);
    const callbackIndex = args.findIndex((arg) => typeof arg === "function");
    if (callbackIndex >= 0) {
      const callback = args[callbackIndex];
      args[callbackIndex] = (/** @type {any} */ error, /** @type {any} */ result) =>
        callback(error, error ? result : catalogTypesAsText(result));
      return query(...args);
    }
    const returned = query(...args);
    return returned && typeof returned.then === "function" ? returned.then(catalogTypesAsText) : returned;
  }
}

/** @param {any} adapter */
function withWholeScripts(adapter) {
  adapter.executeScript = async (/** @type {string} */ script) => {
    try {
      await adapter.client.query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

/** @param {string} url */
function postgresAdapter(url) {
  const config = { ...pgConnectionConfig(url), Client: CatalogSafeClient, allowExitOnIdle: true };
  const factory = new PrismaPg(config);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => withWholeScripts(await connect());
  factory.connectToShadowDb = async () => {
    const admin = new pg.Client({ ...pgConnectionConfig(url), database: "postgres" });
    await admin.connect();
    const database = `prisma_shadow_${process.pid}_${Date.now()}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const shadowFactory = new PrismaPg({ ...config, database });
    const shadow = withWholeScripts(await shadowFactory.connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      const dropper = new pg.Client({ ...pgConnectionConfig(url), database: "postgres" });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await dropper.end();
    };
    return shadow;
  };
  return factory;
}
