import { describe, expect, it } from "vitest";
import { addDays, addMonths, formatDate, parseDate, vietnamToday } from "../../app/lib/dates";
import { certificationHistory, certificationStatus, isInForceStatus, standingCertification } from "../../app/modules/catalogue/visibility.server";
import { defaultValidUntil, expectedIssuerLevel, isScoreConsistent, SCORE_BANDS } from "../../app/modules/certifications/rules";

const d = parseDate;
const iso = (date: Date) => formatDate(date);

type Cert = { id: number; name: string; signedOn: Date; validUntil: Date; revokedOn: Date | null; reviewStatus: string };
let nextId = 0;
const cert = (name: string, signedOn: string, validUntil: string, revokedOn: string | null = null): Cert => ({
  id: ++nextId,
  name,
  signedOn: d(signedOn),
  validUntil: d(validUntil),
  revokedOn: revokedOn ? d(revokedOn) : null,
  reviewStatus: "APPROVED",
});

describe("parseDate / addMonths", () => {
  it("parses YYYY-MM-DD as midnight UTC", () => {
    expect(d("2024-03-01").toISOString()).toBe("2024-03-01T00:00:00.000Z");
  });

  it("rejects malformed and impossible dates", () => {
    expect(() => d("2024-3-1")).toThrow(RangeError);
    expect(() => d("2023-02-29")).toThrow(RangeError);
    expect(() => d("2024-13-01")).toThrow(RangeError);
    expect(iso(d("2024-02-29"))).toBe("2024-02-29");
  });

  it("clamps to the end of the target month", () => {
    expect(iso(addMonths(d("2024-01-31"), 1))).toBe("2024-02-29");
    expect(iso(addMonths(d("2023-01-31"), 1))).toBe("2023-02-28");
    expect(iso(addMonths(d("2024-08-31"), 1))).toBe("2024-09-30");
    expect(iso(addMonths(d("2024-11-15"), 3))).toBe("2025-02-15");
  });
});

describe("defaultValidUntil (36 months after signing, minus one day)", () => {
  it("is valid through the day before the 36-month anniversary", () => {
    // 2022-06-10 + 36 months = 2025-06-10; minus one day = 2025-06-09 (OCOP.md example)
    expect(iso(defaultValidUntil(d("2022-06-10")))).toBe("2025-06-09");
    // 2023-01-10 + 36 months = 2026-01-10; minus one day = 2026-01-09
    expect(iso(defaultValidUntil(d("2023-01-10")))).toBe("2026-01-09");
  });

  it("handles month ends and year ends", () => {
    // 2021-01-31 + 36 months = 2024-01-31 (no clamping needed); minus one day = 2024-01-30
    expect(iso(defaultValidUntil(d("2021-01-31")))).toBe("2024-01-30");
    // 2021-12-31 + 36 months = 2024-12-31; minus one day = 2024-12-30
    expect(iso(defaultValidUntil(d("2021-12-31")))).toBe("2024-12-30");
    // 2022-01-01 + 36 months = 2025-01-01; minus one day crosses the year: 2024-12-31
    expect(iso(defaultValidUntil(d("2022-01-01")))).toBe("2024-12-31");
  });

  it("handles leap days", () => {
    // 2020-02-29 + 36 months = February 2023, which has no 29th: clamped to 2023-02-28;
    // minus one day = 2023-02-27
    expect(iso(defaultValidUntil(d("2020-02-29")))).toBe("2023-02-27");
    // 2021-03-01 + 36 months = 2024-03-01; minus one day lands on the leap day 2024-02-29
    expect(iso(defaultValidUntil(d("2021-03-01")))).toBe("2024-02-29");
    // 2021-02-28 + 36 months = 2024-02-28; minus one day = 2024-02-27
    expect(iso(defaultValidUntil(d("2021-02-28")))).toBe("2024-02-27");
  });

  it("always returns a midnight-UTC date", () => {
    for (const signed of ["2020-02-29", "2021-01-31", "2022-06-10", "2024-10-27"]) {
      const until = defaultValidUntil(d(signed));
      expect(until.getUTCHours() + until.getUTCMinutes() + until.getUTCSeconds() + until.getUTCMilliseconds()).toBe(0);
    }
  });
});

describe("certificationStatus", () => {
  const today = d("2024-06-01");
  const signedOn = "2022-01-10";
  const withUntil = (validUntil: Date, revokedOn: Date | null = null) => ({
    signedOn: d(signedOn),
    validUntil,
    revokedOn,
  });

  it("is valid with 91 days left", () => {
    const until = addDays(today, 91);
    expect(iso(until)).toBe("2024-08-31");
    expect(certificationStatus(withUntil(until), today)).toBe("valid");
  });

  it("is expiring with exactly 90 days left", () => {
    expect(certificationStatus(withUntil(addDays(today, 90)), today)).toBe("expiring");
  });

  it("is expiring on its last valid day", () => {
    expect(certificationStatus(withUntil(today), today)).toBe("expiring");
  });

  it("is expired the day after its last valid day", () => {
    expect(certificationStatus(withUntil(addDays(today, -1)), today)).toBe("expired");
  });

  it("is revoked when revokedOn is today or earlier, even with dates still valid", () => {
    const until = addDays(today, 400);
    expect(certificationStatus(withUntil(until, today), today)).toBe("revoked");
    expect(certificationStatus(withUntil(until, d("2023-03-01")), today)).toBe("revoked");
    // revocation wins over expiry too
    expect(certificationStatus(withUntil(addDays(today, -10), d("2024-05-01")), today)).toBe("revoked");
  });

  it("is not yet revoked when revokedOn is in the future", () => {
    const until = addDays(today, 400);
    expect(certificationStatus(withUntil(until, addDays(today, 1)), today)).toBe("valid");
    expect(certificationStatus(withUntil(addDays(today, 30), addDays(today, 5)), today)).toBe("expiring");
  });

  it("is superseded from the day a newer decision is signed, unless it ended before", () => {
    const until = addDays(today, 400);
    expect(certificationStatus(withUntil(until), today, today)).toBe("superseded");
    expect(certificationStatus(withUntil(until), today, addDays(today, 1))).toBe("valid");
    // Expired before the renewal: it lapsed, it was not replaced.
    expect(certificationStatus(withUntil(addDays(today, -30)), today, addDays(today, -10))).toBe("expired");
    // Revoked before the newer decision: revoked.
    expect(certificationStatus(withUntil(until, addDays(today, -20)), today, addDays(today, -10))).toBe("revoked");
    // Renewed the day after its last valid day: it had lapsed first.
    expect(certificationStatus(withUntil(addDays(today, -11)), today, addDays(today, -10))).toBe("expired");
    // Renewed on its last valid day: replaced.
    expect(certificationStatus(withUntil(addDays(today, -10)), today, addDays(today, -10))).toBe("superseded");
    // Replaced first, revoked later: it was already replaced.
    expect(certificationStatus(withUntil(until, addDays(today, -5)), today, addDays(today, -10))).toBe("superseded");
  });

  it("counts only valid and expiring as in force", () => {
    expect(["valid", "expiring"].every((status) => isInForceStatus(status as "valid"))).toBe(true);
    expect(["expired", "revoked", "superseded"].some((status) => isInForceStatus(status as "expired"))).toBe(false);
  });
});

describe("standingCertification", () => {
  const today = d("2024-06-01");

  it("is the newest signed certificate, in force or not", () => {
    const older = cert("old", "2022-03-01", "2025-02-28");
    const newer = cert("new", "2023-09-15", "2026-09-14");
    expect(standingCertification([older, newer], today)?.name).toBe("new");
    expect(standingCertification([newer, older], today)?.name).toBe("new");
    // A newer revoked one stands, even with an older one whose dates still run: it replaced it.
    const revoked = cert("revoked", "2024-01-01", "2027-01-01", "2024-04-01");
    expect(standingCertification([older, revoked], today)?.name).toBe("revoked");
  });

  it("ignores a certification signed after today", () => {
    const inForce = cert("in-force", "2022-03-01", "2025-02-28");
    const future = cert("future", "2024-06-02", "2027-06-01");
    expect(standingCertification([future, inForce], today)?.name).toBe("in-force");
    expect(standingCertification([future], today)).toBeNull();
    expect(standingCertification([], today)).toBeNull();
  });

  it("breaks a tie on the signing day by the later entry", () => {
    const first = cert("first", "2023-04-01", "2026-03-31");
    const second = cert("second", "2023-04-01", "2026-03-31");
    expect(standingCertification([second, first], today)?.name).toBe("second");
  });
});

describe("certificationHistory", () => {
  const today = d("2024-06-01");

  it("marks an upgrade's predecessor superseded by it, from its signing day", () => {
    const three = cert("3", "2023-01-10", "2026-01-09");
    const four = cert("4", "2024-05-02", "2027-05-01");
    const history = certificationHistory([three, four], today);
    expect(history.map((item) => [item.name, item.status, item.supersededBy?.name ?? null])).toEqual([
      ["4", "valid", null],
      ["3", "superseded", "4"],
    ]);
    // Before the upgrade was signed, the 3★ was still valid.
    expect(certificationHistory([three, four], d("2024-05-01")).map((item) => item.status)).toEqual(["valid", "valid"]);
    expect(certificationHistory([three, four], d("2024-05-01"))[1]!.supersededBy).toBeNull();
  });

  it("keeps 'expired' for a certificate renewed after it lapsed, and names a superseded one's direct successor", () => {
    const first = cert("2019", "2019-01-01", "2021-12-31");
    const second = cert("2022", "2022-02-01", "2025-01-31");
    const third = cert("2024", "2024-03-01", "2027-02-28");
    const history = certificationHistory([first, third, second], today);
    expect(history.map((item) => [item.name, item.status, item.supersededBy?.name ?? null])).toEqual([
      ["2024", "valid", null],
      ["2022", "superseded", "2024"],
      ["2019", "expired", null],
    ]);
  });
});

describe("isScoreConsistent", () => {
  it("checks the 3★ band 50–69", () => {
    expect(SCORE_BANDS[3]).toEqual({ min: 50, max: 69 });
    expect(isScoreConsistent(3, 49)).toBe(false);
    expect(isScoreConsistent(3, 50)).toBe(true);
    expect(isScoreConsistent(3, 69)).toBe(true);
    expect(isScoreConsistent(3, 70)).toBe(false);
  });

  it("checks the 4★ band 70–89", () => {
    expect(isScoreConsistent(4, 69)).toBe(false);
    expect(isScoreConsistent(4, 70)).toBe(true);
    expect(isScoreConsistent(4, 89)).toBe(true);
    expect(isScoreConsistent(4, 90)).toBe(false);
  });

  it("checks the 5★ band 90–100", () => {
    expect(isScoreConsistent(5, 89)).toBe(false);
    expect(isScoreConsistent(5, 90)).toBe(true);
    expect(isScoreConsistent(5, 100)).toBe(true);
    expect(isScoreConsistent(5, 101)).toBe(false);
  });

  it("accepts a missing score", () => {
    expect(isScoreConsistent(3, null)).toBe(true);
    expect(isScoreConsistent(5, undefined)).toBe(true);
  });

  it("rejects non-integer scores, even inside the band", () => {
    expect(isScoreConsistent(4, 75.5)).toBe(false);
    expect(isScoreConsistent(3, 50.1)).toBe(false);
    expect(isScoreConsistent(5, Number.NaN)).toBe(false);
  });
});

describe("expectedIssuerLevel", () => {
  it("is the province for 3★ before 24 Feb 2023", () => {
    expect(expectedIssuerLevel(3, d("2023-02-23"))).toBe("PROVINCE");
    expect(expectedIssuerLevel(3, d("2020-06-01"))).toBe("PROVINCE");
  });

  it("is the district for 3★ from 24 Feb 2023 to 5 Jul 2025", () => {
    expect(expectedIssuerLevel(3, d("2023-02-24"))).toBe("DISTRICT");
    expect(expectedIssuerLevel(3, d("2025-07-05"))).toBe("DISTRICT");
  });

  it("is the province again for 3★ from 6 Jul 2025", () => {
    expect(expectedIssuerLevel(3, d("2025-07-06"))).toBe("PROVINCE");
  });

  it("is the province for 4★ throughout and central for 5★", () => {
    for (const day of ["2023-02-23", "2023-02-24", "2025-07-05", "2025-07-06"]) {
      expect(expectedIssuerLevel(4, d(day))).toBe("PROVINCE");
      expect(expectedIssuerLevel(5, d(day))).toBe("CENTRAL");
    }
  });
});

describe("vietnamToday (UTC+7)", () => {
  it("is still the same day at 23:59 in Vietnam", () => {
    expect(vietnamToday(new Date("2024-03-01T16:59:00Z")).toISOString()).toBe("2024-03-01T00:00:00.000Z");
  });

  it("turns to the next day at midnight in Vietnam", () => {
    expect(vietnamToday(new Date("2024-03-01T17:00:00Z")).toISOString()).toBe("2024-03-02T00:00:00.000Z");
  });

  it("rolls over month and year ends", () => {
    expect(iso(vietnamToday(new Date("2024-02-29T17:00:00Z")))).toBe("2024-03-01");
    expect(iso(vietnamToday(new Date("2024-12-31T17:30:00Z")))).toBe("2025-01-01");
    expect(iso(vietnamToday(new Date("2025-01-01T00:00:00Z")))).toBe("2025-01-01");
  });
});
