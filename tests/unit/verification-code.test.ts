import { describe, expect, it } from "vitest";
import { normalizeVerificationCode } from "../../app/modules/certifications/verify.server";

describe("verification codes typed by people", () => {
  it("accepts lower case, spaces and hyphens as the printed code", () => {
    expect(normalizeVerificationCode("ab2c-de3f 9h")).toBe("AB2CDE3F9H");
    expect(normalizeVerificationCode("  K7QM4RX2PT ")).toBe("K7QM4RX2PT");
  });

  it("rejects what cannot be a code, so no query is made for it", () => {
    for (const raw of ["", "ABC12", "A".repeat(17), "ABCD'1234--", "ĐÂY-KHÔNG-PHẢI", "%_%_%_%_"]) {
      expect(normalizeVerificationCode(raw), raw).toBeNull();
    }
  });
});
