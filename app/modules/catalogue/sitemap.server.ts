import type { Database } from "../../db.server";
import { localizedPath } from "../../i18n/config";
import { formatDate } from "../../lib/dates";
import { publicProducerWhere, publicProductWhere } from "./visibility.server";

const STATIC_PATHS = ["/", "/products", "/producers", "/stats"];

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** One <url> per language, each naming its twin (hreflang) as search engines expect. */
function entry(origin: string, path: string, lastModified?: Date): string {
  const alternates = (["vi", "en"] as const)
    .map((lang) => `<xhtml:link rel="alternate" hreflang="${lang}" href="${escapeXml(origin + localizedPath(lang, path))}"/>`)
    .join("");
  return (["vi", "en"] as const)
    .map(
      (lang) =>
        `<url><loc>${escapeXml(origin + localizedPath(lang, path))}</loc>${
          lastModified ? `<lastmod>${formatDate(lastModified)}</lastmod>` : ""
        }${alternates}</url>`,
    )
    .join("\n");
}

/** Public pages: the static ones, public products and producers (both languages). */
export async function buildSitemap(db: Database, origin: string): Promise<string> {
  const [products, producers] = await Promise.all([
    db.product.findMany({
      where: publicProductWhere,
      select: { slug: true, updatedAt: true },
      orderBy: { id: "asc" },
    }),
    db.producer.findMany({ where: publicProducerWhere, select: { slug: true, updatedAt: true }, orderBy: { id: "asc" } }),
  ]);
  const urls = [
    ...STATIC_PATHS.map((path) => entry(origin, path)),
    ...products.map((product) => entry(origin, `/products/${product.slug}`, product.updatedAt)),
    ...producers.map((producer) => entry(origin, `/producers/${producer.slug}`, producer.updatedAt)),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls.join("\n")}
</urlset>
`;
}
