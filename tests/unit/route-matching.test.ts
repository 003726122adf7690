import { createRequire } from "node:module";
import type { AgnosticRouteObject, matchRoutes as MatchRoutes } from "@remix-run/router";
import { describe, expect, it } from "vitest";

// The server's copy of the router (CommonJS), the one patches/@remix-run+router+*.patch changes (decision 019).
const { matchRoutes } = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: typeof MatchRoutes };

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
