import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { OPEN_DATA_HEADERS } from "~/lib/cache-headers";
import { parseCatalogueQuery } from "~/modules/catalogue/query.server";
import { cachedSearch } from "~/modules/catalogue/search.server";
import { formatDate, vietnamToday } from "~/lib/dates";

/** Read-only JSON with the same filters and paging as /products (see README). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { query, ignored } = parseCatalogueQuery(new URL(request.url).searchParams);
  const result = await cachedSearch(db, query, vietnamToday());
  return Response.json(
    {
      query,
      ignored,
      total: result.total,
      page: result.page,
      pageCount: result.pageCount,
      facets: result.facets,
      items: result.items.map((item) => ({
        slug: item.slug,
        nameVi: item.nameVi,
        nameEn: item.nameEn,
        productSet: { id: item.productSet.id, group: item.productSet.group.code, nameVi: item.productSet.nameVi, nameEn: item.productSet.nameEn },
        producer: { slug: item.producer.slug, legalName: item.producer.legalName },
        province: item.producer.province.nameVi,
        commune: item.producer.commune?.nameVi ?? null,
        certification: {
          stars: item.certification.stars,
          status: item.certification.status,
          decisionNumber: item.certification.decisionNumber,
          signedOn: formatDate(item.certification.signedOn),
          validUntil: formatDate(item.certification.validUntil),
          verificationCode: item.certification.verificationCode,
        },
      })),
    },
    { headers: OPEN_DATA_HEADERS },
  );
}
