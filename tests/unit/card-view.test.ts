import { describe, expect, it } from "vitest";
import { productCardView } from "../../app/modules/catalogue/card-view";
import type { ProductCard } from "../../app/modules/catalogue/search.server";

const card: ProductCard = {
  id: 7,
  slug: "cam-cao-phong",
  nameVi: "Cam Cao Phong",
  nameEn: "Cao Phong orange",
  packagingVi: "Hộp 5 kg",
  packagingEn: "5 kg box",
  productSet: { id: 3, nameVi: "Rau, củ, quả, hạt tươi", nameEn: "Fresh produce", group: { code: "I" } },
  producer: { slug: "htx-cam", legalName: "Hợp tác xã Cam Cao Phong", commune: { nameVi: "Cao Phong" }, province: { nameVi: "Phú Thọ", nameEn: "Phu Tho" } },
  images: [
    { storageKey: "ab12", widths: "320,640", width: 640, height: 480, altVi: "Quả cam trên cành", altEn: "Oranges on the branch" },
    { storageKey: "cd34", widths: "320", width: 320, height: 240, altVi: "Thứ hai", altEn: null },
  ],
  certification: {
    id: 99,
    stars: 4,
    signedOn: new Date("2025-03-01T00:00:00Z"),
    validUntil: new Date("2028-03-01T00:00:00Z"),
    revokedOn: null,
    decisionNumber: "123/QĐ-UBND",
    verificationCode: "ABCDEFGH23",
    status: "valid",
  },
};

describe("a product card's view", () => {
  it("carries what the card shows, in the page's language", () => {
    expect(productCardView(card, "vi")).toEqual({
      slug: "cam-cao-phong",
      nameVi: "Cam Cao Phong",
      nameEn: "Cao Phong orange",
      groupCode: "I",
      producerName: "Hợp tác xã Cam Cao Phong",
      place: "Cao Phong, Phú Thọ",
      image: { storageKey: "ab12", widths: "320,640", width: 640, height: 480, alt: "Quả cam trên cành" },
      stars: 4,
      status: "valid",
      validUntil: new Date("2028-03-01T00:00:00Z"),
    });
    const english = productCardView(card, "en");
    expect(english.place).toBe("Cao Phong, Phu Tho");
    expect(english.image?.alt).toBe("Oranges on the branch");
  });

  it("falls back to the Vietnamese alt text, and has no image or commune when the card has none", () => {
    const bare = productCardView({ ...card, images: [card.images[1]!], producer: { ...card.producer, commune: null } }, "en");
    expect(bare.image?.alt).toBe("Thứ hai");
    expect(bare.place).toBe("Phu Tho");
    expect(productCardView({ ...card, images: [] }, "vi").image).toBeNull();
  });

  it("leaves out what the card does not show", () => {
    const sent = JSON.stringify(productCardView(card, "vi"));
    for (const unseen of ["123/QĐ-UBND", "ABCDEFGH23", "Hộp 5 kg", "Fresh produce", "htx-cam", "Phu Tho", "cd34"]) expect(sent).not.toContain(unseen);
  });
});
