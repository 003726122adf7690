/**
 * The answer of GET /api/suggest, read from its query string: shared by its
 * Remix route (app/routes/api.suggest.ts) and the production server, which
 * answers it before Remix (server/app.ts) because type-ahead asks for many
 * small answers and the router's matching cost more than the suggestions.
 */
import { z } from "zod";
import type { Database } from "../../db.server";
import { localizedPath } from "../../i18n/config";
import { vietnamToday } from "../../lib/dates";
import { normalizeText } from "../../lib/fields";
import { readQueryParams } from "../../lib/query-params.server";
import { cachedSuggest } from "./suggest.server";

const fields = {
  q: z.string().max(100).transform(normalizeText),
  lang: z.enum(["vi", "en"]),
};

/** Up to 8 products and 4 producers for `q`, each with its page's path in `lang`; invalid parameters are named in `ignored`. */
export async function suggestAnswer(db: Database, params: URLSearchParams) {
  const { values, ignored } = readQueryParams(params, fields);
  const q = values.q ?? "";
  const language = values.lang ?? "vi";
  const { products, producers } = await cachedSuggest(db, q, vietnamToday());
  return {
    q,
    ignored,
    products: products.map((product) => ({ ...product, url: localizedPath(language, `/products/${product.slug}`) })),
    producers: producers.map((producer) => ({ ...producer, url: localizedPath(language, `/producers/${producer.slug}`) })),
  };
}
