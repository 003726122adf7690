// The production server's command line, read from package.json's "start"
// script, so the demo, the browser tests and the benchmark start it exactly
// as `npm start` does, Node flags included (see docs/decisions/007).
import { readFileSync } from "node:fs";

/** Arguments for `node`, e.g. ["--max-old-space-size=192", "server.js"]. @returns {string[]} */
export function serverNodeArgs() {
  const start = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).scripts.start;
  const match = /\bnode\s+((?:--\S+\s+)*server\.js)\s*$/.exec(start);
  if (!match?.[1]) throw new Error(`package.json's "start" script should end with \`node [flags] server.js\`, not: ${start}`);
  return match[1].split(/\s+/);
}
