/**
 * A proposed revision beside the live record, field by field (pure, so the
 * page and the tests share it): staff see what would change before they
 * approve, and which fields someone changed on the live record since the
 * producer proposed.
 */
import type { RevisionChanges, RevisionValue } from "./revision-fields";

export type ComparisonRow = {
  field: string;
  live: RevisionValue;
  /** The proposed value, or the live one when the revision leaves the field alone. */
  proposed: RevisionValue;
  /** Does the revision change this field? */
  changed: boolean;
  /** Did the live field change since the proposal was made (the revision's base)? */
  changedSinceBase: boolean;
};

/** null, "" and whitespace read alike; numbers compare as text ("4" and 4). */
function sameValue(a: RevisionValue, b: RevisionValue): boolean {
  const normal = (value: RevisionValue) => (value === null ? "" : String(value).trim());
  return normal(a) === normal(b);
}

export function compareRevision(
  fields: readonly string[],
  live: Record<string, RevisionValue>,
  changes: RevisionChanges,
  changedSinceBase: readonly string[] = [],
): ComparisonRow[] {
  return fields.map((field) => {
    const liveValue = live[field] ?? null;
    const proposed = field in changes ? (changes[field] ?? null) : liveValue;
    return { field, live: liveValue, proposed, changed: !sameValue(liveValue, proposed), changedSinceBase: changedSinceBase.includes(field) };
  });
}
