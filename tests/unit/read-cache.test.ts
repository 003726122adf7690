import { beforeEach, describe, expect, it } from "vitest";
import { cachedRead, catalogueReadCacheSize, invalidateCatalogueReads } from "../../app/modules/catalogue/read-cache.server";

describe("catalogue read cache", () => {
  beforeEach(() => invalidateCatalogueReads());

  it("computes once for concurrent and repeated reads of one key", async () => {
    let calls = 0;
    const compute = async () => ++calls;
    const [a, b] = await Promise.all([cachedRead("k", compute, 0), cachedRead("k", compute, 0)]);
    expect([a, b, await cachedRead("k", compute, 1000)]).toEqual([1, 1, 1]);
    expect(calls).toBe(1);
  });

  it("recomputes after 60 seconds and after a write clears it", async () => {
    let calls = 0;
    const compute = async () => ++calls;
    await cachedRead("k", compute, 0);
    expect(await cachedRead("k", compute, 60_001)).toBe(2);
    invalidateCatalogueReads();
    expect(catalogueReadCacheSize()).toBe(0);
    expect(await cachedRead("k", compute, 60_002)).toBe(3);
  });

  it("does not keep a failed computation", async () => {
    await expect(cachedRead("bad", () => Promise.reject(new Error("db down")), 0)).rejects.toThrow("db down");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cachedRead("bad", async () => "ok", 1)).toBe("ok");
  });

  it("keeps at most 200 entries, evicting the least recently used", async () => {
    for (let i = 0; i < 201; i++) await cachedRead(`k${i}`, async () => i, 0);
    expect(catalogueReadCacheSize()).toBe(200);
    let recomputed = false;
    await cachedRead("k0", async () => ((recomputed = true), 0), 0);
    expect(recomputed).toBe(true);
  });
});
