// Prisma CLI settings. The provider follows DATABASE_URL (see app/db.config.js);
// run the CLI through `npm run prisma -- …`, which supplies the default URL.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { migrationsPathOf, providerOf, schemaPathOf } from "./app/db.config.js";
import { migrationAdapterFor } from "./prisma/migration-adapters.js";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set. Run the CLI through `npm run prisma -- …`.");
const provider = providerOf(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(schemaPathOf(provider)),
  migrations: { path: path.join(migrationsPathOf(provider)) },
  adapter: async () => migrationAdapterFor(url),
});
