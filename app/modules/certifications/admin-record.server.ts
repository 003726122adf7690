/**
 * What the admin pages read around one certificate: the product a new
 * certificate is entered for (with the standing certificate it would
 * replace), products to choose from, and one certificate to correct, revoke
 * or delete, each with its status today. Everything is read within the
 * actor's scope: a record outside it is not found (404).
 */
import { z } from "zod";
import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { vietnamToday } from "../../lib/dates";
import { decimalInteger, normalizeText } from "../../lib/fields";
import { readQueryParams } from "../../lib/query-params.server";
import { certificationScope, productScope, type Actor } from "../accounts/actor.server";
import { likeContains, queryWords } from "../catalogue/search-sql.server";
import { certificationHistory } from "../catalogue/visibility.server";
import { productInScopeSql } from "./admin-list.server";

const datedSelect = { id: true, decisionNumber: true, stars: true, signedOn: true, validUntil: true, revokedOn: true, verificationCode: true, reviewStatus: true } as const;

/** A product to enter a certificate for, and its standing certificate with its status today; null outside the scope. */
export async function productForEntry(db: Database, actor: Actor, productId: number, today: Date) {
  const product = await db.product.findFirst({
    where: { id: productId, ...productScope(actor) },
    select: {
      id: true,
      nameVi: true,
      standingCertificationId: true,
      producer: { select: { legalName: true, province: { select: { nameVi: true, nameEn: true } } } },
      certifications: { select: datedSelect },
    },
  });
  if (!product) return null;
  const history = certificationHistory(product.certifications, today);
  const standing = history.find((cert) => cert.id === product.standingCertificationId) ?? null;
  return {
    id: product.id,
    nameVi: product.nameVi,
    producer: product.producer.legalName,
    province: product.producer.province,
    standing: standing && { id: standing.id, decisionNumber: standing.decisionNumber, stars: standing.stars, signedOn: standing.signedOn, validUntil: standing.validUntil, status: standing.status },
  };
}

export const PRODUCT_CHOICES = 20;

/** Products whose name (or producer, or place) matches `q`, with or without accents, for choosing one. */
export async function findProductsForEntry(db: Database, actor: Actor, q: string) {
  const words = queryWords(q);
  if (!words.length) return [];
  const scope = productInScopeSql(actor, Prisma.sql`p0."id"`);
  const conditions = [...(scope ? [scope] : []), ...words.map((word) => Prisma.sql`p0."searchKey" LIKE ${likeContains(word)} ESCAPE '\\'`)];
  const rows = await db.$queryRaw<Array<{ id: number }>>`
    SELECT p0."id" AS "id" FROM "Product" p0 WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY p0."nameFolded", p0."id" LIMIT ${PRODUCT_CHOICES}`;
  const ids = rows.map((row) => Number(row.id));
  const products = await db.product.findMany({
    where: { id: { in: ids }, ...productScope(actor) },
    select: { id: true, nameVi: true, producer: { select: { legalName: true, province: { select: { nameVi: true, nameEn: true } } } } },
  });
  const byId = new Map(products.map((product) => [product.id, product]));
  return ids.flatMap((id) => {
    const product = byId.get(id);
    return product ? [{ id, nameVi: product.nameVi, producer: product.producer.legalName, province: product.producer.province }] : [];
  });
}

/** One certificate for its edit page: every field, its status today, what replaced it, and its product. Null outside the scope. */
export async function certificationForEdit(db: Database, actor: Actor, certificationId: number, today: Date) {
  const cert = await db.certification.findFirst({
    where: { id: certificationId, ...certificationScope(actor) },
    select: {
      id: true,
      productId: true,
      verificationCode: true,
      stars: true,
      score: true,
      evaluationKind: true,
      decisionNumber: true,
      batch: true,
      signedOn: true,
      issuerLevel: true,
      issuerName: true,
      validUntil: true,
      revokedOn: true,
      revocationReason: true,
      revocationDecision: true,
      version: true,
      // The expiry reminders the producer was sent (reminders.server.ts), widest threshold first.
      reminders: { select: { daysBefore: true, sentAt: true }, orderBy: { daysBefore: "desc" } },
      product: {
        select: {
          id: true,
          nameVi: true,
          slug: true,
          standingCertificationId: true,
          producer: { select: { legalName: true } },
          certifications: { select: datedSelect },
        },
      },
    },
  });
  if (!cert) return null;
  const { certifications, ...product } = cert.product;
  // The day in Vietnam each reminder went out.
  const reminders = cert.reminders.map((reminder) => ({ daysBefore: reminder.daysBefore, sentOn: vietnamToday(reminder.sentAt) }));
  const entry = certificationHistory(certifications, today).find((item) => item.id === cert.id)!;
  return {
    ...cert,
    reminders,
    product: { id: product.id, nameVi: product.nameVi, slug: product.slug, producer: product.producer.legalName },
    isStanding: product.standingCertificationId === cert.id,
    status: entry.status,
    supersededBy: entry.supersededBy && { id: entry.supersededBy.id, decisionNumber: entry.supersededBy.decisionNumber, signedOn: entry.supersededBy.signedOn },
  };
}

export type CertificationForEdit = NonNullable<Awaited<ReturnType<typeof certificationForEdit>>>;

/** A record id from the URL; anything but a positive whole number names no record. */
export function parseCertificationId(raw: string | undefined): number | undefined {
  const result = decimalInteger().pipe(z.number().int().positive()).safeParse(raw);
  return result.success ? result.data : undefined;
}

/** The new-certificate page's query: the chosen product, or the words to find one. */
export function parseEntryQuery(params: URLSearchParams) {
  return readQueryParams(params, {
    productId: decimalInteger().pipe(z.number().int().positive()),
    q: z.string().max(200).transform(normalizeText),
  }).values;
}
