/** Minimal reference rows and records for integration tests, written through the domain modules. */
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import type { Database } from "../../app/db.server";
import { createCertification } from "../../app/modules/certifications/service.server";
import type { ProducerInput } from "../../app/modules/producers/forms";
import { createProducer } from "../../app/modules/producers/service.server";
import type { ProductInput } from "../../app/modules/products/forms";
import { createProduct } from "../../app/modules/products/service.server";
import { foldText } from "../../app/modules/text/vietnamese.server";

export async function loadMinimalReference(db: Database) {
  await db.productGroup.createMany({
    data: [
      { id: 1, code: "I", nameVi: "Sản phẩm thực phẩm", nameEn: "Food" },
      { id: 2, code: "II", nameVi: "Sản phẩm đồ uống", nameEn: "Beverages" },
    ],
  });
  await db.productSet.createMany({
    data: [
      { id: 1, groupId: 1, subgroupVi: "Thực phẩm tươi sống", nameVi: "Rau, củ, quả, hạt tươi", nameEn: "Fresh vegetables, tubers, fruit and nuts" },
      { id: 4, groupId: 1, subgroupVi: "Thực phẩm thô, sơ chế", nameVi: "Mật ong, mật khác và nông sản thực phẩm khác", nameEn: "Honey" },
      { id: 14, groupId: 2, subgroupVi: "Đồ uống có cồn", nameVi: "Rượu trắng", nameEn: "White rice spirit" },
    ],
  });
  const province = await db.province.create({
    data: { slug: "phu-tho", nameVi: "Phú Thọ", nameEn: "Phu Tho", formedFromVi: "Phú Thọ; Vĩnh Phúc; Hòa Bình", searchKey: foldText("Phú Thọ") },
  });
  const commune = await db.commune.create({
    data: { provinceId: province.id, kind: "COMMUNE", nameVi: "Tân Lạc", slug: "tan-lac", searchKey: foldText("Tân Lạc") },
  });
  return { province, commune };
}

let taxCounter = 0;
export function nextTaxCode(): string {
  taxCounter += 1;
  return `54${String(Date.now() % 100000).padStart(5, "0")}${String(taxCounter).padStart(3, "0")}`;
}

export async function makeProducer(db: Database, provinceId: number, overrides: Partial<ProducerInput> = {}) {
  return createProducer(db, SYSTEM_ACTOR,
    { type: "COOPERATIVE", legalName: "Hợp tác xã Bưởi đỏ Tân Lạc", taxCode: nextTaxCode(), provinceId, ...overrides },
    { status: "APPROVED" },
  );
}

export async function makeProduct(db: Database, producerId: number, overrides: Partial<ProductInput> = {}) {
  return createProduct(db, SYSTEM_ACTOR, { nameVi: "Bưởi đỏ Tân Lạc", productSetId: 1, producerId, status: "PUBLISHED", ...overrides });
}

/**
 * A `certify(db, productId, stars, signedOn, validUntil?)` that writes through
 * the domain module as of `today`: 5★ issued by the ministry, 3★ and 4★ by the
 * province.
 */
export function certifierFor(today: Date) {
  return (db: Database, productId: number, stars: 3 | 4 | 5, signedOn: string, validUntil?: string) =>
    createCertification(db, SYSTEM_ACTOR,
      {
        productId,
        stars,
        decisionNumber: `${productId}${stars}/QĐ-UBND`,
        signedOn,
        validUntil,
        issuerLevel: stars === 5 ? "CENTRAL" : "PROVINCE",
        issuerName: stars === 5 ? "Bộ Nông nghiệp và Môi trường" : "UBND tỉnh Phú Thọ",
      },
      today,
    );
}
