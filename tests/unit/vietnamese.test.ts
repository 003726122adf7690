import { normalizeText } from "../../app/lib/fields";
import { describe, expect, it } from "vitest";
import {
  foldText,
  matchesFolded,
  searchKeyOf,
  slugify,
  uniqueSlug,
} from "../../app/modules/text/vietnamese.server";

const BUOI = "Bưởi đỏ Tân Lạc";

describe("foldText", () => {
  it("folds a real product name", () => {
    expect(foldText(BUOI)).toBe("buoi do tan lac");
  });

  it("folds NFD input the same as NFC input", () => {
    const nfd = "Bưởi".normalize("NFD");
    expect(nfd).not.toBe("Bưởi"); // the test is only meaningful if the forms differ
    expect(foldText(nfd)).toBe("buoi");
    expect(foldText(BUOI.normalize("NFD"))).toBe(foldText(BUOI));
  });

  it("folds letters that carry two marks", () => {
    expect(foldText("ệ")).toBe("e");
    expect(foldText("ữ")).toBe("u");
    expect(foldText("ổ")).toBe("o");
    expect(foldText("ậ")).toBe("a");
    expect(foldText("Ệ Ữ Ổ Ậ")).toBe("e u o a");
    expect(foldText("Nguyễn Thị Hiền")).toBe("nguyen thi hien");
  });

  it("maps đ, Đ and the look-alike Ð (U+00D0) to d", () => {
    expect(foldText("đ")).toBe("d");
    expect(foldText("Đ")).toBe("d");
    expect(foldText("\u00D0")).toBe("d");
    expect(foldText("Đà Bắc")).toBe("da bac");
    expect(foldText("\u00D0à Bắc")).toBe("da bac");
  });

  it("makes tone-placement variants equal", () => {
    expect(foldText("Hòa")).toBe(foldText("Hoà"));
    expect(foldText("Thủy")).toBe(foldText("Thuỷ"));
    expect(foldText("Hòa Bình")).toBe("hoa binh");
    expect(foldText("Lạc Thuỷ")).toBe("lac thuy");
    // the raw strings really are different
    expect("Hòa").not.toBe("Hoà");
    expect("Thủy").not.toBe("Thuỷ");
  });

  it("makes 'Cà phê' equal 'ca phe'", () => {
    expect(foldText("Cà phê")).toBe("ca phe");
    expect(foldText("Cà phê")).toBe(foldText("ca phe"));
    expect(foldText("CÀ PHÊ")).toBe("ca phe");
  });

  it("lowercases and collapses whitespace", () => {
    expect(foldText("  BƯỞI \t  ĐỎ\n")).toBe("buoi do");
  });
});

describe("normalizeText", () => {
  it("returns NFC for NFD input", () => {
    const nfd = "Bưởi".normalize("NFD");
    const result = normalizeText(nfd);
    expect(result).toBe("Bưởi".normalize("NFC"));
    expect(result.length).toBe(4);
    expect(result.normalize("NFC")).toBe(result);
    expect(normalizeText(BUOI.normalize("NFD"))).toBe(BUOI.normalize("NFC"));
  });

  it("trims and collapses whitespace but keeps accents and case", () => {
    expect(normalizeText("  Bưởi   đỏ \n Tân  Lạc ")).toBe("Bưởi đỏ Tân Lạc");
  });
});

describe("matchesFolded", () => {
  it("matches unaccented, differently-cased and accented queries", () => {
    expect(matchesFolded(BUOI, "buoi do")).toBe(true);
    expect(matchesFolded(BUOI, "Bưởi Đỏ")).toBe(true);
    expect(matchesFolded(BUOI, "BUOI DO")).toBe(true);
    expect(matchesFolded(BUOI, "tan lac buoi")).toBe(true);
    expect(matchesFolded(BUOI.normalize("NFD"), "buoi")).toBe(true);
  });

  it("requires every word of the query", () => {
    expect(matchesFolded(BUOI, "buoi cam")).toBe(false);
    expect(matchesFolded(BUOI, "cao phong")).toBe(false);
  });

  it("matches Cà phê by ca phe and Hoà by hòa", () => {
    expect(matchesFolded("Cà phê Sơn La", "ca phe")).toBe(true);
    expect(matchesFolded("Hoà Bình", "hòa")).toBe(true);
    expect(matchesFolded("Rượu Mai Hạ", "ca phe")).toBe(false);
  });
});

describe("slugify", () => {
  it("makes an ASCII slug of a Vietnamese name", () => {
    expect(slugify(BUOI)).toBe("buoi-do-tan-lac");
    expect(slugify(BUOI.normalize("NFD"))).toBe("buoi-do-tan-lac");
    expect(slugify("Hợp tác xã Đà Bắc")).toBe("hop-tac-xa-da-bac");
  });

  it("drops punctuation and emoji, with no leading or trailing dash", () => {
    expect(slugify("  Trà (Shan Tuyết) — Pà Cò!!! ")).toBe("tra-shan-tuyet-pa-co");
    expect(slugify("🍊 Cam Cao Phong 🍊")).toBe("cam-cao-phong");
    expect(slugify("Mật ong 100%, loại 1")).toBe("mat-ong-100-loai-1");
  });

  it("falls back to 'item' when nothing is left", () => {
    expect(slugify("!!! ??? ***")).toBe("item");
    expect(slugify("🍊🍋")).toBe("item");
    expect(slugify("")).toBe("item");
  });

  it("cuts at maxLength without leaving a trailing dash", () => {
    // "buoi-do-tan-lac": a cut at 5 lands right after "buoi-"
    expect(slugify(BUOI, 5)).toBe("buoi");
    expect(slugify(BUOI, 8)).toBe("buoi-do");
    expect(slugify(BUOI, 4)).toBe("buoi");
    const long = slugify("á ".repeat(100));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith("-")).toBe(false);
    expect(long.startsWith("a-a-")).toBe(true);
  });
});

describe("uniqueSlug", () => {
  it("returns the base, then -2, then -3 as slugs are taken", async () => {
    const taken = new Set<string>();
    const asked: string[] = [];
    const isTaken = async (candidate: string) => {
      asked.push(candidate);
      return taken.has(candidate);
    };

    const first = await uniqueSlug(BUOI, isTaken);
    expect(first).toBe("buoi-do-tan-lac");
    taken.add(first);

    const second = await uniqueSlug(BUOI, isTaken);
    expect(second).toBe("buoi-do-tan-lac-2");
    taken.add(second);

    const third = await uniqueSlug("BUOI DO TAN LAC", isTaken);
    expect(third).toBe("buoi-do-tan-lac-3");

    expect(asked).toEqual([
      "buoi-do-tan-lac",
      "buoi-do-tan-lac",
      "buoi-do-tan-lac-2",
      "buoi-do-tan-lac",
      "buoi-do-tan-lac-2",
      "buoi-do-tan-lac-3",
    ]);
  });

  it("fills a gap in the sequence", async () => {
    const taken = new Set(["cam-cao-phong", "cam-cao-phong-3"]);
    expect(await uniqueSlug("Cam Cao Phong", async (c) => taken.has(c))).toBe("cam-cao-phong-2");
  });
});

describe("searchKeyOf", () => {
  it("folds each part and skips empty ones", () => {
    expect(searchKeyOf(BUOI, null, "", "   ", undefined, "Phú Thọ")).toBe("buoi do tan lac | phu tho");
  });

  it("returns an empty key when every part is empty", () => {
    expect(searchKeyOf(null, undefined, "", " ")).toBe("");
  });

  it("keeps the order of the parts", () => {
    expect(searchKeyOf("Đà Bắc", "Hòa Bình")).toBe("da bac | hoa binh");
  });
});
