/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import remixConfig from "./remix.config.js";

const SERVER_ENTRY = fileURLToPath(new URL("./server/app.ts", import.meta.url));

/**
 * Builds server/app.ts (the production HTTP pipeline) into the server bundle
 * as build/server/app.js, beside Remix's build/server/index.js, so the two
 * share one copy of every module (database client, caches, change signal).
 */
function serverEntry(): Plugin {
  let ssrBuild = false;
  return {
    name: "ocop-server-entry",
    apply: "build",
    config(_config, { isSsrBuild }) {
      ssrBuild = Boolean(isSsrBuild);
    },
    options(options) {
      if (!ssrBuild || typeof options.input !== "string") return null;
      return { ...options, input: { index: options.input, app: SERVER_ENTRY } };
    },
    outputOptions(output) {
      if (!ssrBuild) return null;
      return { ...output, entryFileNames: (chunk) => (chunk.name === "app" ? "app.js" : "index.js") };
    },
  };
}

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  // Vitest runs without the Remix plugin (it needs a browser preamble).
  plugins: process.env.VITEST ? [] : [remix(remixConfig), serverEntry()],
  build: { target: "es2022" },
  server: { port: 3000 },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["e2e/**", "node_modules/**"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/each-file.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
