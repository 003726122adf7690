import { useT } from "~/i18n/translate";
import { formatDay } from "~/i18n/format";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";

export type ReviewDocument = { id: number; kind: string; fileName: string; contentType: string; bytes: number; createdAt: string | Date };

/** Where staff download a document (admin scope; 404 outside it). */
export const documentPath = (id: number) => `/admin/documents/${id}`;

/** A producer's scans, each a download; an image is also shown, so staff read it beside the fields. */
export function ReviewDocuments({ documents, title, preview = false }: { documents: ReviewDocument[]; title?: string; preview?: boolean }) {
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  return (
    <section aria-labelledby="review-documents-heading" data-testid="review-documents">
      <h2 id="review-documents-heading">{title ?? t("admin.reviews.documentsTitle")}</h2>
      {documents.length === 0 ? (
        <p>{t("admin.reviews.documentsNone")}</p>
      ) : (
        <ul className="admin-links">
          {documents.map((document) => {
            const href = to(documentPath(document.id));
            const kind = document.kind === "certificate" ? "certificate" : "registration";
            return (
              <li key={document.id}>
                {/* A download, not a page: a plain link. */}
                <a href={href} download={document.fileName} data-testid="document-link">
                  {document.fileName}
                </a>{" "}
                <small>
                  {t(`admin.reviews.documentKind_${kind}`)} · {t("admin.reviews.documentSize", { size: Math.max(1, Math.round(document.bytes / 1024)) })} ·{" "}
                  {formatDay(language, document.createdAt)}
                </small>
                {preview && document.contentType.startsWith("image/") ? (
                  <div className="gallery">
                    <img src={href} alt={document.fileName} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
