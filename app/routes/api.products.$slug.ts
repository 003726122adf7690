import { imageSources } from "~/modules/media/image-sources";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { OPEN_DATA_HEADERS } from "~/lib/cache-headers";
import { publicOrigin } from "~/lib/origin.server";
import { getProductPage } from "~/modules/catalogue/product-page.server";
import { verificationUrl } from "~/modules/certifications/qr.server";
import { formatDate, vietnamToday } from "~/lib/dates";

const day = (date: Date | null) => (date ? formatDate(date) : null);

/** One public product as JSON, with its whole rating history (see README). */
export async function loader({ params }: LoaderFunctionArgs) {
  const page = await getProductPage(db, params.slug ?? "", vietnamToday());
  const headers = OPEN_DATA_HEADERS;
  if (!page) return Response.json({ error: "not_found", slug: params.slug ?? "" }, { status: 404, headers });
  const { product, history, standing } = page;
  const origin = publicOrigin();
  return Response.json(
    {
      slug: product.slug,
      nameVi: product.nameVi,
      nameEn: product.nameEn,
      descriptionVi: product.descriptionVi,
      descriptionEn: product.descriptionEn,
      packagingVi: product.packagingVi,
      packagingEn: product.packagingEn,
      productSet: { id: product.productSet.id, group: product.productSet.group.code, nameVi: product.productSet.nameVi, nameEn: product.productSet.nameEn },
      images: product.images.map((image) => {
        const { src, srcSet, width, height } = imageSources(image);
        return { url: origin + src, srcSet: srcSet.replace(/(^|, )\//g, `$1${origin}/`), width, height, altVi: image.altVi, altEn: image.altEn };
      }),
      producer: {
        slug: product.producer.slug,
        legalName: product.producer.legalName,
        type: product.producer.type,
        phone: product.producer.phone,
        zalo: product.producer.zalo,
        email: product.producer.email,
        website: product.producer.website,
        street: product.producer.street,
        commune: product.producer.commune?.nameVi ?? null,
        province: product.producer.province.nameVi,
        formerDistrict: product.producer.formerDistrict,
        formerProvince: product.producer.formerProvince,
      },
      standingCertification: standing.verificationCode,
      certifications: history.map((cert) => ({
        verificationCode: cert.verificationCode,
        verifyUrl: verificationUrl(origin, cert.verificationCode),
        stars: cert.stars,
        score: cert.score,
        status: cert.status,
        evaluationKind: cert.evaluationKind,
        decisionNumber: cert.decisionNumber,
        batch: cert.batch,
        signedOn: day(cert.signedOn),
        validUntil: day(cert.validUntil),
        issuerLevel: cert.issuerLevel,
        issuerName: cert.issuerName,
        revokedOn: day(cert.revokedOn),
        revocationReason: cert.revocationReason,
        supersededBy: cert.supersededBy
          ? { decisionNumber: cert.supersededBy.decisionNumber, verificationCode: cert.supersededBy.verificationCode, signedOn: day(cert.supersededBy.signedOn) }
          : null,
      })),
      url: `${origin}/products/${product.slug}`,
    },
    { headers },
  );
}
