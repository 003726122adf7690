/**
 * Every admin route of the production build, read from its route manifest
 * (build/server/index.js exports `routes`), so that a route added later is
 * covered by e2e/admin-authorization.spec.ts without anyone listing it.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type ManifestRoute = {
  id: string;
  parentId: string | null;
  path: string | null;
  index: boolean;
  hasLoader: boolean;
  hasAction: boolean;
};

export type AdminRoute = ManifestRoute & {
  /** The full path pattern, e.g. ":lang?/admin/producers/:id". */
  pattern: string;
};

/**
 * What a dynamic segment stands for, from the segment before it
 * ("/admin/reviews/revisions/:id" names a revision). A route whose parameter
 * follows any other segment makes routeTargets throw: give it a kind here and
 * a record in the spec.
 */
export const RECORD_KINDS = ["producers", "products", "certifications", "accounts", "revisions", "documents", "outbox"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export type RouteTarget = {
  routeId: string;
  method: "GET" | "POST";
  /** Path and query to request. */
  url: string;
  language: "vi" | "en";
  /** Has the route a loader of its own (a page that reads something)? */
  hasLoader: boolean;
  /** The kinds of record the URL's parameters name. */
  kinds: RecordKind[];
};

const MARK = "ROUTES:";

/** The route manifest of the build, read in a process of its own (importing the build opens a database client). */
export function readRouteManifest(env: Record<string, string>): ManifestRoute[] {
  const buildUrl = pathToFileURL(path.resolve("build/server/index.js")).href;
  const script = `
    const build = await import(${JSON.stringify(buildUrl)});
    const routes = Object.values(build.routes).map((route) => ({
      id: route.id,
      parentId: route.parentId ?? null,
      path: route.path ?? null,
      index: route.index === true,
      hasLoader: typeof route.module.loader === "function",
      hasAction: typeof route.module.action === "function",
    }));
    process.stdout.write("\\n${MARK}" + JSON.stringify(routes) + "\\n");
    process.exit(0);`;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  const line = output.split("\n").find((candidate) => candidate.startsWith(MARK));
  if (!line) throw new Error(`no route manifest in the output of build/server/index.js:\n${output}`);
  return JSON.parse(line.slice(MARK.length)) as ManifestRoute[];
}

/** Each route's full path: its own and its ancestors', joined. */
export function fullPattern(route: ManifestRoute, byId: Map<string, ManifestRoute>): string {
  const parts: string[] = [];
  for (let current: ManifestRoute | undefined = route; current; current = current.parentId ? byId.get(current.parentId) : undefined) {
    if (current.path) parts.unshift(current.path);
  }
  return parts.join("/").replace(/\/+/g, "/");
}

/** The routes under /admin (and /en/admin). */
export function adminRoutes(manifest: ManifestRoute[]): AdminRoute[] {
  const byId = new Map(manifest.map((route) => [route.id, route]));
  return manifest
    .map((route) => ({ ...route, pattern: fullPattern(route, byId) }))
    .filter((route) => {
      const segments = route.pattern.split("/").filter(Boolean);
      const start = segments[0] === ":lang?" ? 1 : 0;
      return segments[start] === "admin";
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern) || a.id.localeCompare(b.id));
}

function isRecordKind(segment: string | undefined): segment is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(segment ?? "");
}

/**
 * The URLs to request for a route, in Vietnamese and in English: GET always,
 * POST when the route has an action (an index route's action is addressed
 * with `?index`). Each parameter becomes the id `ids` gives for its kind.
 */
export function routeTargets(route: AdminRoute, ids: Record<RecordKind, number>): RouteTarget[] {
  const targets: RouteTarget[] = [];
  for (const language of ["vi", "en"] as const) {
    const raw = route.pattern.split("/").filter(Boolean);
    const kinds: RecordKind[] = [];
    const segments = raw.flatMap((segment, position) => {
      if (segment === ":lang?") return language === "en" ? ["en"] : [];
      if (segment === "*") throw new Error(`route ${route.id} (${route.pattern}): a splat route needs a rule in this test`);
      if (!segment.startsWith(":")) return [segment];
      const before = raw[position - 1];
      if (!isRecordKind(before)) {
        throw new Error(`route ${route.id} (${route.pattern}): cannot tell which record ${segment} names (the segment before it is "${before}", not one of ${RECORD_KINDS.join(", ")}): add its kind to RECORD_KINDS and a record of it to the spec`);
      }
      const id = ids[before];
      if (!Number.isInteger(id)) throw new Error(`route ${route.id} (${route.pattern}): no ${before} id to put in ${segment}`);
      kinds.push(before);
      return [String(id)];
    });
    const url = `/${segments.join("/")}`;
    targets.push({ routeId: route.id, method: "GET", url, language, hasLoader: route.hasLoader, kinds });
    if (route.hasAction) targets.push({ routeId: route.id, method: "POST", url: route.index ? `${url}?index` : url, language, hasLoader: route.hasLoader, kinds });
  }
  return targets;
}
