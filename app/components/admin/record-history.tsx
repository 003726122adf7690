import { useT } from "~/i18n/translate";
import { formatDay } from "~/i18n/format";
import { useLanguage } from "~/i18n/use-language";

export type HistoryEvent = {
  id: number;
  at: string;
  actorEmail: string | null;
  action: string;
  ip: string | null;
  changes: Record<string, [unknown, unknown]>;
};

const show = (value: unknown) => (value === null || value === undefined || value === "" ? "—" : typeof value === "object" ? JSON.stringify(value) : String(value));

/** A record's audit trail on its edit page: who did what, when, from where, and each field before → after. */
export function RecordHistory({ events, fieldLabel }: { events: HistoryEvent[]; fieldLabel: (field: string) => string }) {
  const t = useT();
  const language = useLanguage();
  return (
    <section aria-labelledby="history-heading" data-testid="record-history">
      <h2 id="history-heading">{t("admin.shell.history")}</h2>
      {events.length === 0 ? (
        <p>{t("admin.shell.empty")}</p>
      ) : (
        // Focusable, so a keyboard can scroll it on a narrow screen.
        <div className="admin-table-wrap" tabIndex={0} role="region" aria-labelledby="history-heading">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.audit.when")}</th>
                <th scope="col">{t("admin.audit.who")}</th>
                <th scope="col">{t("admin.audit.action")}</th>
                <th scope="col">{t("admin.audit.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id} data-testid="history-row" data-action={event.action}>
                  <td>
                    <time dateTime={event.at}>
                      {formatDay(language, new Date(event.at))} {event.at.slice(11, 19)} UTC
                    </time>
                  </td>
                  <td>
                    {event.actorEmail ?? "—"}
                    {event.ip ? <small> · {event.ip}</small> : null}
                  </td>
                  <td>{t(`admin.audit.action_${event.action}` as never, { defaultValue: event.action }) as string}</td>
                  <td>
                    <ul className="audit-changes">
                      {Object.entries(event.changes).map(([field, [before, after]]) => (
                        <li key={field}>
                          {fieldLabel(field)}: {show(before)} → {show(after)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
