import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { MaxPartSizeExceededError, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useT } from "~/i18n/translate";
import { z } from "zod";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { vietnamToday } from "~/lib/dates";
import { requireStaff } from "~/modules/accounts/guard.server";
import { COLUMNS, columnTitle, IMPORT_KINDS, type ImportKind } from "~/modules/imports/columns";
import { MAX_CSV_BYTES } from "~/modules/imports/parse.server";
import type { ImportSummary, RowOutcome } from "~/modules/imports/plan.server";
import { importState } from "~/modules/imports/progress.server";
import { checkUpload, startApplyingUpload, type FileProblem } from "~/modules/imports/service.server";

/** Rows the dry-run table shows (errors first); the counts cover them all. */
const SHOWN_ROWS = 300;

const CheckSchema = z.object({ intent: z.literal("check"), kind: z.enum(IMPORT_KINDS) });
const ApplySchema = z.object({ intent: z.literal("apply"), id: z.string().regex(/^[a-f0-9]{32}$/) });

type Progress = { state: "running" | "done" | "failed"; done: number; total: number };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor } = await requireStaff(request, context);
  const language = requireLanguage(params);
  const id = new URL(request.url).searchParams.get("import");
  const entry = id ? importState(id, actor.userId) : null;
  const job = entry
    ? {
        id: id!,
        progress: { state: entry.state, done: entry.done, total: entry.total } satisfies Progress,
        outcome: entry.state === "done" ? { status: entry.outcome.status, counts: entry.outcome.summary.counts, kind: entry.outcome.summary.kind } : null,
      }
    : null;
  return { language, maxMegabytes: MAX_CSV_BYTES / 1024 / 1024, job, unknownJob: Boolean(id && !entry) };
}

type ActionData =
  | { stage: "problem"; problem: FileProblem }
  | { stage: "checked"; fileName: string; kind: ImportKind; summary: Omit<ImportSummary, "outcomes">; rows: RowOutcome[]; uploadId: string | null }
  | { stage: "expired" };

async function readForm(request: Request): Promise<FormData | null> {
  if (!(request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) return request.formData();
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return null;
    throw error;
  }
}

export async function action({ request, params, context }: ActionFunctionArgs): Promise<ActionData | Response> {
  const { actor } = await requireStaff(request, context);
  const language = requireLanguage(params);
  const form = await readForm(request);
  if (!form) return { stage: "problem", problem: { key: "tooLarge", values: { megabytes: MAX_CSV_BYTES / 1024 / 1024 } } };
  const today = vietnamToday();

  const apply = ApplySchema.safeParse(Object.fromEntries(form));
  if (apply.success) {
    const started = await startApplyingUpload(db, actor, apply.data.id, today);
    if (!started) return { stage: "expired" };
    return redirect(`${localizedPath(language, "/admin/import")}?import=${apply.data.id}`);
  }

  const check = CheckSchema.safeParse({ intent: form.get("intent"), kind: form.get("kind") });
  const file = form.get("file");
  if (!check.success || typeof file !== "object" || file === null || file.size === 0) return { stage: "problem", problem: { key: "fileRequired", values: {} } };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = await checkUpload(db, actor, bytes, { kind: check.data.kind, fileName: file.name || "import.csv" }, today);
  if (!result.ok) return { stage: "problem", problem: result.problem };
  const { outcomes, ...summary } = result.summary;
  const order = (outcome: RowOutcome) => (outcome.action === "error" ? 0 : outcome.action === "unchanged" ? 2 : 1);
  const rows = [...outcomes].sort((a, b) => order(a) - order(b) || a.row - b.row).slice(0, SHOWN_ROWS);
  return { stage: "checked", fileName: file.name, kind: check.data.kind, summary, rows, uploadId: result.upload?.id ?? null };
}

export const handle: BreadcrumbHandle = { breadcrumb: (t) => t("admin.imports.title") };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${messages.imports.title} · ${messages.shell.title}` }];
};

/** Messages named by the module at run time ("forms.…", "admin.imports.…"). */
function useDynamicT() {
  const t = useT();
  return t as unknown as (key: string, values?: Record<string, unknown>) => string;
}

function useColumnTitle() {
  const language = useLanguage();
  return (kind: ImportKind, key: string | null) => {
    const column = key ? COLUMNS[kind].find((candidate) => candidate.key === key) : undefined;
    return column ? columnTitle(column, language) : (key ?? "—");
  };
}

/** The running import's bar: polled through the progress route with JavaScript, refreshed by the page without. */
function ImportProgress({ id, initial }: { id: string; initial: Progress }) {
  const t = useT();
  const to = useLocalizedPath();
  const fetcher = useFetcher<Progress>();
  const revalidator = useRevalidator();
  const progress = fetcher.data ?? initial;
  const progressUrl = `${to("/admin/import/progress")}?id=${id}`;
  useEffect(() => {
    if (progress.state !== "running") {
      if (initial.state === "running") revalidator.revalidate();
      return;
    }
    const timer = setTimeout(() => fetcher.load(progressUrl), 400);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [progress, progressUrl]);
  return (
    <section aria-labelledby="import-progress" data-testid="import-progress" data-state={progress.state} data-done={progress.done} data-total={progress.total}>
      <noscript>
        <meta httpEquiv="refresh" content="2" />
      </noscript>
      <h2 id="import-progress">{t("admin.imports.progressTitle")}</h2>
      <progress value={progress.done} max={Math.max(progress.total, 1)} aria-label={t("admin.imports.progressLabel")} />
      <p aria-live="polite">{progress.total ? t("admin.imports.progress", { done: progress.done, total: progress.total }) : t("admin.imports.progressPreparing")}</p>
      <p>
        <Link to={`${to("/admin/import")}?import=${id}`}>{t("admin.imports.refresh")}</Link>
      </p>
    </section>
  );
}

function Finished({ job }: { job: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["job"]> }) {
  const t = useT();
  const to = useLocalizedPath();
  if (job.progress.state === "failed" || !job.outcome) {
    return (
      <div className="form-errors" role="alert" data-testid="import-failed">
        {t("admin.imports.failedTitle")}
      </div>
    );
  }
  const { status, counts } = job.outcome;
  const title = status === "applied" ? "doneTitle" : status === "unchanged" ? "unchangedTitle" : "invalidTitle";
  return (
    <section className="notice" role="status" data-testid="import-done" data-status={status}>
      <h2>{t(`admin.imports.${title}`)}</h2>
      <p data-testid="import-done-counts">{t("admin.imports.doneCounts", counts)}</p>
      {status === "applied" ? (
        <p>
          <Link to={`${to("/admin/audit")}?action=import`}>{t("admin.imports.auditLink")}</Link>
        </p>
      ) : null}
      <p>
        <Link to={to("/admin/import")}>{t("admin.imports.anotherImport")}</Link>
      </p>
    </section>
  );
}

function CheckResult({ data }: { data: Extract<ActionData, { stage: "checked" }> }) {
  const t = useT();
  const title = useColumnTitle();
  const translate = useDynamicT();
  const navigation = useNavigation();
  const { counts } = data.summary;
  const writes = counts.create + counts.update;
  const total = counts.create + counts.update + counts.unchanged + counts.error;
  return (
    <section aria-labelledby="import-result" data-testid="import-result" data-errors={counts.error} data-create={counts.create} data-update={counts.update} data-unchanged={counts.unchanged}>
      <h2 id="import-result">{t("admin.imports.resultTitle", { file: data.fileName })}</h2>
      <p data-testid="import-counts">
        <strong>{t("admin.imports.counts", counts)}</strong>
      </p>
      {data.summary.unknownHeaders.length ? <p>{t("admin.imports.unknownHeaders", { columns: data.summary.unknownHeaders.join(", ") })}</p> : null}
      {counts.error ? (
        <div className="form-errors" role="alert" data-testid="import-has-errors">
          {t("admin.imports.hasErrors", { count: counts.error })}
        </div>
      ) : writes && data.uploadId ? (
        <Form method="post" data-testid="import-confirm">
          <input type="hidden" name="intent" value="apply" />
          <input type="hidden" name="id" value={data.uploadId} />
          <p>{t("admin.imports.confirmNote")}</p>
          <button type="submit" className="button" disabled={navigation.state !== "idle"}>
            {t("admin.imports.confirm", { count: writes })}
          </button>
        </Form>
      ) : (
        <p className="notice" role="status" data-testid="import-nothing">
          {t("admin.imports.nothingToChange")}
        </p>
      )}
      {data.rows.length < total ? <p>{t("admin.imports.shownRows", { shown: data.rows.length, total })}</p> : null}
      <div className="admin-table-wrap">
        <table className="admin-table">
          <caption className="visually-hidden">{t("admin.imports.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.imports.colRow")}</th>
              <th scope="col">{t("admin.imports.colAction")}</th>
              <th scope="col">{t("admin.imports.colKey")}</th>
              <th scope="col">{t("admin.imports.colLabel")}</th>
              <th scope="col">{t("admin.imports.colDetails")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((outcome) => (
              <tr key={outcome.row} data-testid="import-row" data-row={outcome.row} data-action={outcome.action}>
                <th scope="row">{outcome.row}</th>
                <td>{t(`admin.imports.action_${outcome.action}`)}</td>
                <td>{outcome.key}</td>
                <td>{outcome.label}</td>
                <td>
                  {outcome.action === "error" ? (
                    <ul>
                      {outcome.issues.map((issue, index) => (
                        <li key={index}>
                          {t("admin.imports.issue", {
                            column: title(data.kind, issue.column),
                            message: translate(issue.message, issue.values),
                          })}
                        </li>
                      ))}
                    </ul>
                  ) : outcome.changed.length ? (
                    t("admin.imports.changed", { columns: outcome.changed.map((key) => title(data.kind, key)).join(", ") })
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function AdminImport() {
  const { maxMegabytes, job, unknownJob } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const t = useT();
  const translate = useDynamicT();
  const to = useLocalizedPath();
  const checking = navigation.state === "submitting" && navigation.formData?.get("intent") === "check";

  if (job) {
    return (
      <>
        <h1>{t("admin.imports.title")}</h1>
        {job.progress.state === "running" ? <ImportProgress id={job.id} initial={job.progress} /> : <Finished job={job} />}
      </>
    );
  }

  const problem = actionData?.stage === "problem" ? actionData.problem : null;
  return (
    <>
      <h1>{t("admin.imports.title")}</h1>
      <p>{t("admin.imports.intro")}</p>
      <p>{t("admin.imports.keysNote")}</p>
      <h2>{t("admin.imports.templates")}</h2>
      <ul data-testid="import-templates">
        {IMPORT_KINDS.map((kind) => (
          <li key={kind}>
            <a href={`${to("/admin/import/template.csv")}?kind=${kind}`} download>
              {t(`admin.imports.template_${kind}`)}
            </a>
          </li>
        ))}
      </ul>
      <p className="notice">{t("admin.imports.excelNote")}</p>
      {unknownJob ? (
        <p className="notice" role="status">
          {t("admin.imports.unknownImport")}
        </p>
      ) : null}

      <Form method="post" encType="multipart/form-data" className="admin-form" data-testid="import-form">
        <input type="hidden" name="intent" value="check" />
        <div>
          <label htmlFor="import-kind">{t("admin.imports.kind")}</label>
          <select id="import-kind" name="kind" defaultValue={actionData?.stage === "checked" ? actionData.kind : "certifications"}>
            {IMPORT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`admin.imports.kind_${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="import-file">{t("admin.imports.file", { megabytes: maxMegabytes })}</label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" required />
        </div>
        {problem ? (
          <div className="form-errors" role="alert" data-testid="import-problem">
            {problem.key === "wrongKind"
              ? t("admin.imports.wrongKind", { kind: t(`admin.imports.kind_${problem.values.kind as ImportKind}`) })
              : translate(`admin.imports.${problem.key}`, problem.values)}
          </div>
        ) : null}
        {actionData?.stage === "expired" ? (
          <div className="form-errors" role="alert">
            {t("admin.imports.expired")}
          </div>
        ) : null}
        <button type="submit" disabled={checking}>
          {checking ? t("admin.imports.checking") : t("admin.imports.check")}
        </button>
      </Form>

      {actionData?.stage === "checked" ? <CheckResult data={actionData} /> : null}
    </>
  );
}
