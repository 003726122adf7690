import { z } from "zod";
import { decimalInteger } from "../../lib/query-params.server";
import type { Database } from "../../db.server";
import { ProducerType } from "../../db.server";
import { refreshCatalogueEntries } from "../catalogue/entries.server";
import { writeCatalogue } from "../catalogue/changes.server";
import { DomainError, isUniqueViolation, parseOrThrow } from "../../lib/errors.server";
import { producerSearchKey } from "../catalogue/search-keys.server";
import { refreshProductSearchKeys } from "../products/service.server";
import { normalizeText, uniqueSlug } from "../text/vietnamese.server";

/** Enterprise/tax code: 10 digits, or 13 as NNNNNNNNNN-NNN for a branch. */
export const TAX_CODE_PATTERN = /^\d{10}(-\d{3})?$/;

const text = (max: number) => z.string().transform(normalizeText).pipe(z.string().max(max, "errors.tooLong"));
const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((value) => value || null);

export const ProducerInputSchema = z
  .object({
    type: z.enum(ProducerType, "errors.required"),
    legalName: text(200).pipe(z.string().min(3, "errors.required")),
    taxCode: z
      .string()
      .transform((value) => value.replace(/\s+/g, ""))
      .pipe(z.string().regex(TAX_CODE_PATTERN, "errors.taxCodeFormat")),
    registrationNumber: optionalText(60),
    legalRepName: optionalText(120),
    legalRepTitle: optionalText(120),
    phone: optionalText(30).refine((value) => !value || /^\+?[\d\s.()-]{8,20}$/.test(value), "errors.phoneFormat"),
    zalo: optionalText(30).refine((value) => !value || /^\+?[\d\s.()-]{8,20}$/.test(value), "errors.phoneFormat"),
    email: optionalText(200).refine((value) => !value || z.email().safeParse(value).success, "errors.emailFormat"),
    website: optionalText(300).refine(
      (value) => !value || z.url({ protocol: /^https?$/ }).safeParse(value).success,
      "errors.urlFormat",
    ),
    street: optionalText(200),
    communeId: decimalInteger().pipe(z.number().positive()).optional(),
    provinceId: decimalInteger("errors.required").pipe(z.number().positive("errors.required")),
    formerDistrict: optionalText(120),
    formerProvince: optionalText(120),
    descriptionVi: text(5000).default(""),
    descriptionEn: optionalText(5000),
  });

export type ProducerInput = z.input<typeof ProducerInputSchema>;

async function placeNames(db: Database, provinceId: number, communeId: number | undefined) {
  const province = await db.province.findUnique({ where: { id: provinceId }, select: { nameVi: true } });
  if (!province) throw new DomainError("Unknown province", 400, { provinceId: ["errors.unknownProvince"] });
  if (communeId === undefined) return { provinceName: province.nameVi, communeName: null };
  const commune = await db.commune.findFirst({ where: { id: communeId, provinceId }, select: { nameVi: true } });
  if (!commune) throw new DomainError("Commune not in province", 400, { communeId: ["errors.communeNotInProvince"] });
  return { provinceName: province.nameVi, communeName: commune.nameVi };
}

function taxCodeTaken(): DomainError {
  return new DomainError("Tax code already registered", 409, { taxCode: ["errors.taxCodeTaken"] });
}

export async function createProducer(
  db: Database,
  rawInput: unknown,
  options: { status?: "PENDING" | "APPROVED"; isDemo?: boolean } = {},
) {
  const input = parseOrThrow(ProducerInputSchema, rawInput);
  const places = await placeNames(db, input.provinceId, input.communeId);
  if (await db.producer.findUnique({ where: { taxCode: input.taxCode }, select: { id: true } })) throw taxCodeTaken();
  const slug = await uniqueSlug(input.legalName, async (candidate) =>
    Boolean(await db.producer.findUnique({ where: { slug: candidate }, select: { id: true } })),
  );
  try {
    return await writeCatalogue(db, (tx) =>
      tx.producer.create({
        data: {
          ...input,
          slug,
          status: options.status ?? "PENDING",
          isDemo: options.isDemo ?? false,
          searchKey: producerSearchKey({ ...input, ...places }),
        },
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error, "taxCode")) throw taxCodeTaken();
    throw error;
  }
}

export async function updateProducer(db: Database, producerId: number, rawInput: unknown) {
  const input = parseOrThrow(ProducerInputSchema, rawInput);
  const places = await placeNames(db, input.provinceId, input.communeId);
  try {
    return await writeCatalogue(db, async (tx) => {
      const producer = await tx.producer.update({
        where: { id: producerId },
        data: { ...input, communeId: input.communeId ?? null, searchKey: producerSearchKey({ ...input, ...places }) },
      });
      // Product search keys include the producer's name and places.
      await refreshProductSearchKeys(tx as Database, { producerId });
      // Its status decides whether its products are listed at all.
      await refreshCatalogueEntries(tx, { producerId });
      return producer;
    });
  } catch (error) {
    if (isUniqueViolation(error, "taxCode")) throw taxCodeTaken();
    throw error;
  }
}

export const ProducerStatusInputSchema = z
  .object({
    status: z.enum(["PENDING", "APPROVED", "REJECTED", "SUSPENDED"], "errors.required"),
    reason: optionalText(500),
  })
  .refine((input) => input.status === "APPROVED" || input.status === "PENDING" || Boolean(input.reason), {
    path: ["reason"],
    message: "errors.reasonRequired",
  });

/**
 * Approves, rejects or suspends a producer. Only an approved producer and its
 * products are public, so its catalogue rows follow in the same transaction.
 */
export async function changeProducerStatus(db: Database, producerId: number, rawInput: unknown) {
  const input = parseOrThrow(ProducerStatusInputSchema, rawInput);
  return writeCatalogue(db, async (tx) => {
    const existing = await tx.producer.findUnique({ where: { id: producerId }, select: { id: true } });
    if (!existing) throw new DomainError("Producer not found", 404);
    const producer = await tx.producer.update({
      where: { id: producerId },
      data: { status: input.status, statusReason: input.reason },
    });
    await refreshCatalogueEntries(tx, { producerId });
    return producer;
  });
}
