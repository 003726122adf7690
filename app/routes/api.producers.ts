import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { OPEN_DATA_HEADERS } from "~/lib/cache-headers";
import { vietnamToday } from "~/lib/dates";
import { parseProducerDirectoryQuery, searchProducers } from "~/modules/producers/directory.server";

/** Read-only JSON with the same filters and paging as /producers (approved producers only). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { query, ignored } = parseProducerDirectoryQuery(new URL(request.url).searchParams);
  const result = await searchProducers(db, query, vietnamToday());
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
        legalName: item.legalName,
        type: item.type,
        province: { slug: item.province.slug, nameVi: item.province.nameVi, nameEn: item.province.nameEn },
        commune: item.commune?.nameVi ?? null,
        formerDistrict: item.formerDistrict,
        formerProvince: item.formerProvince,
        certifiedProducts: item.certifiedProducts,
        bestStars: item.bestStars,
      })),
    },
    { headers: OPEN_DATA_HEADERS },
  );
}
