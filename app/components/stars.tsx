import { useTranslation } from "react-i18next";

/** "★★★★" with an accessible name ("4 stars" / "4 sao"). */
export function Stars({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <span className="stars" role="img" aria-label={t("home.starsLabel", { count })}>
      {"★".repeat(count)}
    </span>
  );
}
