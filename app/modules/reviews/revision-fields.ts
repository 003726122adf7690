/**
 * What a producer may propose to change on a record staff already approved,
 * held as a Revision until staff decide (the portal proposes, the review
 * applies). `changes` holds only these fields: { field: proposed value }.
 */
export const PRODUCT_REVISION_FIELDS = [
  "nameVi",
  "nameEn",
  "descriptionVi",
  "descriptionEn",
  "productSetId",
  "packagingVi",
  "packagingEn",
  "unit",
] as const;

/** A producer's legal identity: its other fields are its own to keep current, live. */
export const PRODUCER_REVISION_FIELDS = ["legalName", "taxCode"] as const;

export type RevisionValue = string | number | null;
export type RevisionChanges = Record<string, RevisionValue>;

/** A revision still open: waiting for staff, or back with the producer to correct. */
export const OPEN_REVISION_STATUSES = ["PENDING", "CHANGES_REQUESTED"] as const;

/** The stored JSON, keeping only the fields a revision of `entityType` may hold. */
export function parseRevisionChanges(entityType: string, json: string): RevisionChanges {
  const allowed: readonly string[] = entityType === "producer" ? PRODUCER_REVISION_FIELDS : PRODUCT_REVISION_FIELDS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter(
      ([field, value]) => allowed.includes(field) && (value === null || typeof value === "string" || typeof value === "number"),
    ),
  ) as RevisionChanges;
}
