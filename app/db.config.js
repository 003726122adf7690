// @ts-check
// Database settings shared by the app, the Prisma CLI config and the scripts.
// Plain JavaScript so scripts can import it before anything is compiled.

/** Where the embedded database lives unless DATABASE_URL says otherwise. */
export const DEFAULT_DATABASE_URL = "file:./data/ocop.db";

/**
 * @param {string} url
 * @returns {"sqlite" | "postgresql"}
 */
export function providerOf(url) {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(
    `DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL, got "${url.split(":")[0]}:…"`,
  );
}

/** @param {string} url */
export function sqlitePath(url) {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}

/**
 * Host/port/user form of a PostgreSQL URL. Prisma's migration engine
 * needs this form to point the shadow database at the right place.
 * @param {string} url
 */
export function pgConnectionConfig(url) {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname) || "localhost",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")),
  };
}

/** @param {"sqlite" | "postgresql"} provider */
export function schemaPathOf(provider) {
  return provider === "postgresql" ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma";
}

/** @param {"sqlite" | "postgresql"} provider */
export function migrationsPathOf(provider) {
  return provider === "postgresql" ? "prisma/postgresql/migrations" : "prisma/migrations";
}
