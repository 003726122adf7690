/**
 * What the account pages read (admins only; the routes check that first):
 * the list of accounts with each one's last sign-in from the audit trail,
 * one account to edit, and the provinces an editor can be scoped to. The
 * writes are the accounts service's (service.server.ts).
 */
import { z } from "zod";
import type { Database } from "../../db.server";
import { decimalInteger } from "../../lib/fields";
import { readQueryParams } from "../../lib/query-params.server";

export const ACCOUNT_PAGE_SIZE = 50;

/** A record id from the URL; anything but a positive whole number names no account. */
export function parseAccountId(raw: string | undefined): number | undefined {
  const result = decimalInteger().pipe(z.number().int().positive()).safeParse(raw);
  return result.success ? result.data : undefined;
}

export function parseAccountListQuery(params: URLSearchParams) {
  const { values } = readQueryParams(params, { page: decimalInteger().pipe(z.number().int().min(1).max(10_000)) });
  return { page: values.page ?? 1 };
}

/** One page of accounts, by email, each with its last successful sign-in. */
export async function listAccounts(db: Database, { page }: { page: number }) {
  const [total, users] = await Promise.all([
    db.user.count(),
    db.user.findMany({
      select: { id: true, email: true, name: true, role: true, disabledAt: true, province: { select: { nameVi: true, nameEn: true } } },
      orderBy: [{ email: "asc" }, { id: "asc" }],
      skip: (page - 1) * ACCOUNT_PAGE_SIZE,
      take: ACCOUNT_PAGE_SIZE,
    }),
  ]);
  // The trail is the one record of sign-ins: (entityType, entityId, at) is indexed.
  const signIns = users.length
    ? await db.auditEvent.groupBy({
        by: ["entityId"],
        where: { entityType: "user", action: "sign_in", entityId: { in: users.map((user) => user.id) } },
        _max: { at: true },
      })
    : [];
  const lastSignIn = new Map(signIns.map((row) => [row.entityId, row._max.at]));
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / ACCOUNT_PAGE_SIZE)),
    items: users.map((user) => ({ ...user, lastSignIn: lastSignIn.get(user.id) ?? null })),
  };
}

/** One account for its edit page; null when there is none. */
export async function accountForEdit(db: Database, userId: number) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      provinceId: true,
      producer: { select: { taxCode: true, legalName: true } },
      disabledAt: true,
      version: true,
      createdAt: true,
    },
  });
  if (!user) return null;
  const lastSignIn = await db.auditEvent.findFirst({
    where: { entityType: "user", entityId: userId, action: "sign_in" },
    orderBy: { id: "desc" },
    select: { at: true },
  });
  return { ...user, lastSignIn: lastSignIn?.at ?? null };
}

/** Provinces an editor can be scoped to, in Vietnamese order. */
export async function provinceOptions(db: Database) {
  const provinces = await db.province.findMany({ select: { id: true, nameVi: true, nameEn: true } });
  return provinces.sort((a, b) => a.nameVi.localeCompare(b.nameVi, "vi"));
}
