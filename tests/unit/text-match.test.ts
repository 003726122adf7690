import { describe, expect, it } from "vitest";
import { idsInEvery } from "../../app/modules/catalogue/text-match.server";

const ids = (...values: number[]) => Int32Array.from(values);

describe("idsInEvery", () => {
  it("keeps the ids found in every list, each once, in ascending order", () => {
    expect([...idsInEvery([ids(9, 3, 3, 70, 1), ids(70, 3, 2, 9, 9)])]).toEqual([3, 9, 70]);
    expect([...idsInEvery([ids(5, 1, 5, 40_000)])]).toEqual([1, 5, 40_000]);
    expect([...idsInEvery([ids(31, 32, 33), ids(32, 1_000_000), ids(32, 31)])]).toEqual([32]);
  });

  it("finds nothing when a list is empty or no list is given", () => {
    expect(idsInEvery([ids(1, 2), ids()]).length).toBe(0);
    expect(idsInEvery([ids(), ids(1, 2)]).length).toBe(0);
    expect(idsInEvery([]).length).toBe(0);
  });
});
