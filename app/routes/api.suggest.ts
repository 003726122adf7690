import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { db } from "~/db.server";
import { localizedPath } from "~/i18n/config";
import { OPEN_DATA_HEADERS } from "~/lib/cache-headers";
import { vietnamToday } from "~/lib/dates";
import { normalizeText } from "~/lib/fields";
import { readQueryParams } from "~/lib/query-params.server";
import { cachedSuggest } from "~/modules/catalogue/suggest.server";

const fields = {
  q: z.string().max(100).transform(normalizeText),
  lang: z.enum(["vi", "en"]),
};

/** Type-ahead suggestions: up to 8 products and 4 producers for `q`, each with its page's path in `lang`. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { values, ignored } = readQueryParams(new URL(request.url).searchParams, fields);
  const q = values.q ?? "";
  const language = values.lang ?? "vi";
  const { products, producers } = await cachedSuggest(db, q, vietnamToday());
  return Response.json(
    {
      q,
      ignored,
      products: products.map((product) => ({ ...product, url: localizedPath(language, `/products/${product.slug}`) })),
      producers: producers.map((producer) => ({ ...producer, url: localizedPath(language, `/producers/${producer.slug}`) })),
    },
    { headers: OPEN_DATA_HEADERS },
  );
}
