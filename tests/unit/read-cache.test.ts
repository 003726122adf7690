import { describe, expect, it } from "vitest";
import { createReadCache } from "../../app/modules/catalogue/read-cache.server";

describe("catalogue read cache", () => {
  it("computes once for concurrent and repeated reads of one key", async () => {
    const cache = createReadCache({ now: () => 0 });
    let calls = 0;
    const compute = async () => ++calls;
    const [a, b] = await Promise.all([cache.read("k", compute), cache.read("k", compute)]);
    expect([a, b, await cache.read("k", compute)]).toEqual([1, 1, 1]);
    expect(calls).toBe(1);
  });

  it("recomputes after 60 seconds and after an invalidation", async () => {
    // lru-cache treats a start time of 0 as "no start": begin later.
    let clock = 1_000_000;
    const cache = createReadCache({ now: () => clock });
    let calls = 0;
    const compute = async () => ++calls;
    await cache.read("k", compute);
    clock += 59_000;
    expect(await cache.read("k", compute)).toBe(1);
    clock += 1_001;
    expect(await cache.read("k", compute)).toBe(2);
    cache.invalidate();
    expect(cache.size).toBe(0);
    expect(await cache.read("k", compute)).toBe(3);
  });

  it("gives a read in flight during an invalidation its answer, but never keeps it", async () => {
    const cache = createReadCache({ now: () => 0 });
    let release = () => {};
    const slow = cache.read("k", () => new Promise<string>((resolve) => (release = () => resolve("before the write"))));
    await Promise.resolve();
    cache.invalidate();
    release();
    expect(await slow).toBe("before the write");
    expect(await cache.read("k", async () => "after the write")).toBe("after the write");
  });

  it("does not keep a failed computation", async () => {
    const cache = createReadCache({ now: () => 0 });
    await expect(cache.read("bad", () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(await cache.read("bad", async () => "ok")).toBe("ok");
  });

  it("keeps at most 200 entries, evicting the least recently used", async () => {
    const cache = createReadCache({ now: () => 0 });
    for (let i = 0; i < 201; i++) await cache.read(`k${i}`, async () => i);
    expect(cache.size).toBe(200);
    let recomputed = false;
    await cache.read("k0", async () => ((recomputed = true), 0));
    expect(recomputed).toBe(true);
  });
});
