// The production server's command line, read from package.json's "start"
// script, so the demo, the browser tests and the benchmark start it exactly
// as `npm start` does, Node flags and environment included (see docs/decisions/007).
import { readFileSync } from "node:fs";

function startCommand() {
  const start = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).scripts.start;
  const match = /^((?:[A-Z_][A-Z0-9_]*=\S+\s+)*)node\s+((?:--\S+\s+)*server\.js)\s*$/.exec(start);
  if (!match?.[2]) throw new Error(`package.json's "start" script should be \`[NAME=value …] node [flags] server.js\`, not: ${start}`);
  return { assignments: match[1].trim(), args: match[2] };
}

/** Arguments for `node`, e.g. ["--max-old-space-size=192", "server.js"]. @returns {string[]} */
export function serverNodeArgs() {
  return startCommand().args.split(/\s+/);
}

/** The variables the start script sets, e.g. { NODE_ENV: "production", MALLOC_ARENA_MAX: "2" }. @returns {Record<string, string>} */
export function serverEnv() {
  const { assignments } = startCommand();
  return Object.fromEntries(assignments ? assignments.split(/\s+/).map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]) : []);
}

/** The start script's command as a reader would type it, e.g. "MALLOC_ARENA_MAX=2 node --max-old-space-size=160 server.js". */
export function serverCommandLine() {
  const { assignments, args } = startCommand();
  return [assignments, "node", args].filter(Boolean).join(" ");
}
