import { useT } from "~/i18n/translate";
import type { CertificationStatus } from "~/modules/catalogue/visibility.server";

export const STATUS_ICONS: Record<CertificationStatus, string> = { valid: "✓", expiring: "!", expired: "✕", revoked: "⊘", superseded: "↻" };

/** The status in plain words, with a colour that is never the only signal. */
export function CertificationStatusBadge({ status }: { status: CertificationStatus }) {
  const t = useT();
  const icon = STATUS_ICONS[status];
  return (
    <span className={`status status--${status}`} data-status={status}>
      <span aria-hidden="true">{icon}</span> {t(`certification.status_${status}`)}
    </span>
  );
}
