import { Fragment, type ReactNode } from "react";

/** An item's fields as label and value pairs; a missing value shows as a dash. */
export function ReviewFacts({ facts, testId }: { facts: Array<[string, ReactNode]>; testId?: string }) {
  return (
    <dl className="cert-facts" data-testid={testId}>
      {facts.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === "" ? "—" : value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
