/**
 * What the admin producer pages read besides the list: one producer within
 * the actor's scope (a record outside it is simply not found), and the
 * options of the form's selects.
 */
import { z } from "zod";
import type { Database } from "../../db.server";
import { decimalInteger } from "../../lib/fields";
import { producerScope, type Actor } from "../accounts/actor.server";

const recordId = decimalInteger().pipe(z.number().int().positive().max(2_147_483_647));

/** A record id from a URL (`$id`) or a query parameter; undefined unless it is a whole positive number. */
export function parseRecordId(value: string | null | undefined): number | undefined {
  const result = recordId.safeParse(value ?? "");
  return result.success ? result.data : undefined;
}

const editSelect = {
  id: true,
  slug: true,
  version: true,
  status: true,
  statusReason: true,
  updatedAt: true,
  type: true,
  legalName: true,
  taxCode: true,
  registrationNumber: true,
  legalRepName: true,
  legalRepTitle: true,
  phone: true,
  zalo: true,
  email: true,
  website: true,
  street: true,
  communeId: true,
  provinceId: true,
  formerDistrict: true,
  formerProvince: true,
  descriptionVi: true,
  descriptionEn: true,
  _count: { select: { products: true, users: true } },
} as const;

/** The producer as its edit page shows it, or null when it does not exist or is outside the actor's scope. */
export function producerForEdit(db: Database, actor: Actor, id: number) {
  return db.producer.findFirst({ where: { id, ...producerScope(actor) }, select: editSelect });
}

export type ProducerForEdit = NonNullable<Awaited<ReturnType<typeof producerForEdit>>>;

/** A producer's name for a product form (the producer picked by id), within scope. */
export function producerLabel(db: Database, actor: Actor, id: number) {
  return db.producer.findFirst({ where: { id, ...producerScope(actor) }, select: { id: true, legalName: true, status: true } });
}

/** Provinces the actor may place a producer in: all for national staff, their own for a province editor. */
export async function provinceOptions(db: Database, actor: Actor) {
  const scope = producerScope(actor);
  const only = typeof scope.provinceId === "number" ? { id: scope.provinceId } : {};
  const provinces = await db.province.findMany({ where: only, select: { id: true, nameVi: true, nameEn: true } });
  return provinces.sort(byVietnameseName);
}

/** The communes of one province (a few hundred at most), for the commune select. */
export async function communeOptions(db: Database, provinceId: number | null | undefined) {
  if (!provinceId) return [];
  const communes = await db.commune.findMany({ where: { provinceId }, select: { id: true, nameVi: true } });
  return communes.sort(byVietnameseName);
}

// The databases sort by bytes ("Đ" after "Z"); people expect Vietnamese order.
const byVietnameseName = (a: { nameVi: string }, b: { nameVi: string }) => a.nameVi.localeCompare(b.nameVi, "vi");
