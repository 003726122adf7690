import { useT } from "~/i18n/translate";
import { localized } from "~/i18n/format";
import { useLanguage } from "~/i18n/use-language";

/** English text when there is one; otherwise the Vietnamese, marked as such. */
export function LocalizedText({ vi, en, as: Tag = "span" }: { vi: string; en?: string | null; as?: "span" | "p" }) {
  const language = useLanguage();
  const t = useT();
  const { text, fallback } = localized(language, vi, en);
  if (!fallback) return <Tag>{text}</Tag>;
  return (
    <Tag>
      <span lang="vi">{text}</span> <small className="fallback-note">({t("catalogue.englishFallback")})</small>
    </Tag>
  );
}
