import { useT } from "~/i18n/translate";

/** "★★★★" with an accessible name ("4 stars" / "4 sao"). */
export function Stars({ count }: { count: number }) {
  const t = useT();
  return (
    <span className="stars" role="img" aria-label={t("home.starsLabel", { count })}>
      {"★".repeat(count)}
    </span>
  );
}
