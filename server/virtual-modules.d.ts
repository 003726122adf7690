// The Remix Vite plugin's server build, imported by server/app.ts.
declare module "virtual:remix/server-build" {
  import type { ServerBuild } from "@remix-run/node";
  const build: ServerBuild;
  export = build;
}
