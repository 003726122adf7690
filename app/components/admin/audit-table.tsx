import { Link } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { formatDay } from "~/i18n/format";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { auditRecordPath } from "~/modules/audit/search";

export type AuditRow = {
  id: number;
  at: string;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: number | null;
  entityLabel: string | null;
  ip: string | null;
  changes: Record<string, [unknown, unknown]>;
};

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** An instant as a day and time in Vietnam (computed, not left to the runtime's time zones, so server and browser agree). */
export function VietnamTime({ at }: { at: string }) {
  const language = useLanguage();
  const shifted = new Date(Date.parse(at) + VIETNAM_OFFSET_MS);
  return (
    <time dateTime={at}>
      {formatDay(language, shifted)} {shifted.toISOString().slice(11, 19)}
    </time>
  );
}

// Where each kind of record keeps its field labels (the pages' i18n files).
const FIELD_LABELS: Record<string, string> = {
  certification: "admin.certifications.field_",
  user: "admin.accounts.field_",
  producer: "admin.producers.fields.",
  product: "admin.products.fields.",
};

// A calendar day is stored as its midnight UTC (lib/dates): shown as the day, not as an instant.
const CALENDAR_DAY = /^(\d{4}-\d{2}-\d{2})T00:00:00\.000Z$/;

const show = (value: unknown) => {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "object") return JSON.stringify(value);
  const text = String(value);
  return CALENDAR_DAY.exec(text)?.[1] ?? text;
};

/** The trail's events: when, who and from where, what, on which record (a link to its page), and each field before → after. */
export function AuditTable({ events, caption, canOpenAccounts }: { events: AuditRow[]; caption: string; canOpenAccounts: boolean }) {
  const t = useT();
  const to = useLocalizedPath();
  const fieldLabel = (entityType: string, field: string) =>
    FIELD_LABELS[entityType] ? (t(`${FIELD_LABELS[entityType]}${field}` as never, { defaultValue: field }) as string) : field;
  return (
    <div className="admin-table-wrap">
      <table className="admin-table" data-testid="audit-list">
        <caption className="admin-table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.audit.when")}</th>
            <th scope="col">{t("admin.audit.who")}</th>
            <th scope="col">{t("admin.audit.action")}</th>
            <th scope="col">{t("admin.audit.record")}</th>
            <th scope="col">{t("admin.audit.changes")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const type = t(`admin.audit.entity_${event.entityType}` as never, { defaultValue: event.entityType }) as string;
            const path = event.entityType === "user" && !canOpenAccounts ? null : auditRecordPath(event.entityType, event.entityId);
            return (
              <tr key={event.id} data-testid="audit-row" data-action={event.action} data-entity={event.entityType}>
                <td>
                  <VietnamTime at={event.at} />
                </td>
                <td>
                  {event.actorEmail ?? t("admin.audit.system")}
                  {event.ip ? <small> · {event.ip}</small> : null}
                </td>
                <td>{t(`admin.audit.action_${event.action}` as never, { defaultValue: event.action }) as string}</td>
                <td>
                  {path ? <Link to={to(path)}>{t("admin.audit.recordLink", { type, id: event.entityId })}</Link> : t("admin.audit.recordLink", { type, id: event.entityId ?? "—" })}
                  {event.entityLabel ? (
                    <>
                      <br />
                      <small>{event.entityLabel}</small>
                    </>
                  ) : null}
                </td>
                <td>
                  {Object.keys(event.changes).length ? (
                    <ul className="audit-changes">
                      {Object.entries(event.changes).map(([field, [before, after]]) => (
                        <li key={field}>
                          {fieldLabel(event.entityType, field)}: {show(before)} → {show(after)}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
