import { createRequire } from "node:module";
import type { AgnosticRouteObject, matchRoutes as MatchRoutes } from "@remix-run/router";
import type * as StaticRouting from "react-router-dom/server";
import { describe, expect, it } from "vitest";

// The server's copy of the router (CommonJS), the one patches/@remix-run+router+*.patch changes (decision 019).
const require = createRequire(import.meta.url);
const { matchRoutes } = require("@remix-run/router") as { matchRoutes: typeof MatchRoutes };
// The server's copy of react-router-dom/server, which patches/react-router-dom+*.patch changes.
const { createStaticHandler, createStaticRouter } = require("react-router-dom/server") as typeof StaticRouting;

type Route = AgnosticRouteObject;

const tree = (): Route[] => [
  {
    id: "public",
    children: [
      { id: "home", path: ":lang?", children: [{ id: "home-index", index: true }] },
      { id: "products", path: ":lang?/products" },
      { id: "product", path: ":lang?/products/:slug" },
    ],
  },
  { id: "admin", path: ":lang?/admin", children: [{ id: "admin-index", index: true }, { id: "admin-products", path: "products" }] },
  { id: "csv", path: "api/products.csv" },
];

const matchedIds = (routes: Route[], path: string) => matchRoutes(routes, path)?.map((match) => match.route.id) ?? null;
const PATHS = ["/", "/en", "/products", "/en/products", "/en/products/cam-cao-phong", "/admin", "/en/admin/products", "/api/products.csv", "/nowhere/at/all"];

describe("route matching with the ranking kept per route tree", () => {
  it("matches as a fresh tree does, on the first call and on later ones", () => {
    const routes = tree();
    const expected = PATHS.map((path) => matchedIds(tree(), path));
    expect(expected.slice(0, 4)).toEqual([["public", "home", "home-index"], ["public", "home", "home-index"], ["public", "products"], ["public", "products"]]);
    expect(expected.at(-1)).toBeNull();
    for (let round = 0; round < 3; round++) expect(PATHS.map((path) => matchedIds(routes, path))).toEqual(expected);
    expect(matchRoutes(routes, "/en/products/cam-cao-phong")?.at(-1)?.params).toEqual({ lang: "en", slug: "cam-cao-phong" });
  });

  it("ranks the tree again when a route is added to it", () => {
    const routes = tree();
    // Before: "stats" is read as the optional language of the home page.
    expect(matchedIds(routes, "/stats")).toEqual(["public", "home", "home-index"]);
    routes[0]!.children!.push({ id: "stats", path: ":lang?/stats" });
    expect(matchedIds(routes, "/stats")).toEqual(["public", "stats"]);
    expect(matchedIds(routes, "/en/stats")).toEqual(["public", "stats"]);
  });
});

describe("matches kept per pathname", () => {
  it("gives every caller its own matches and params", () => {
    const routes = tree();
    const first = matchRoutes(routes, "/en/products/cam-cao-phong")!;
    (first.at(-1)!.params as Record<string, string>).slug = "changed";
    first[0]!.pathname = "/changed";
    first.pop();
    const second = matchRoutes(routes, "/en/products/cam-cao-phong")!;
    expect(second.map((match) => match.route.id)).toEqual(["public", "product"]);
    expect(second.at(-1)!.params).toEqual({ lang: "en", slug: "cam-cao-phong" });
    expect(second.map((match) => match.pathname)).toEqual(["/", "/en/products/cam-cao-phong"]);
  });

  it("answers a path it has not seen from the tree", () => {
    const routes = tree();
    for (let n = 0; n < 600; n++) expect(matchRoutes(routes, `/products/p-${n}`)?.at(-1)?.params).toEqual({ slug: `p-${n}` });
    expect(matchedIds(routes, "/products/p-0")).toEqual(["public", "product"]);
  });
});

describe("the static router's routes", () => {
  it("are converted once per routes array, and its matches point into them", async () => {
    const routes = tree();
    const handler = createStaticHandler(routes);
    const context = await handler.query(new Request("http://localhost/en/products/cam-cao-phong"));
    if (context instanceof Response) throw new Error("expected a context");
    const first = createStaticRouter(routes, context);
    const second = createStaticRouter(routes, context);
    expect(second.routes).toBe(first.routes);
    expect(createStaticRouter(tree(), context).routes).not.toBe(first.routes);
    const convertedIds = new Set<unknown>();
    const collect = (list: readonly { id?: string; children?: unknown }[]) =>
      list.forEach((route) => {
        convertedIds.add(route);
        if (Array.isArray(route.children)) collect(route.children);
      });
    collect(second.routes);
    expect(second.state.matches.map((match) => match.route.id)).toEqual(["public", "product"]);
    for (const match of second.state.matches) expect(convertedIds.has(match.route)).toBe(true);
  });
});

