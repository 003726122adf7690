/**
 * The catalogue page's cards from the in-memory columns, which hold every
 * field a card shows (names, producer, place, first image, stars and the
 * standing certificate's days): an uncached search then needs no query for its
 * page. The JSON API and the CSV export still read whole cards (search.server.ts),
 * and tests/integration/card-views.test.ts holds both to the same result.
 */
import type { Language } from "~/i18n/config";
import { dateOfDayNumber } from "~/lib/dates";
import { NO_DAY, textAt, type CatalogueColumns } from "./catalogue-columns.server";
import { cardImage, cardPlace, type ProductCardView } from "./card-view";
import { certificationStatus } from "./visibility.server";

/**
 * The cards of `productIds`, in that order, as of `today`; null when the
 * columns lack one (a product or producer they do not list): the caller then
 * reads the cards from the database.
 */
export function cardViewsFromColumns(columns: CatalogueColumns, productIds: number[], language: Language, today: Date): ProductCardView[] | null {
  const views: ProductCardView[] = [];
  for (const productId of productIds) {
    const row = columns.rowOf(productId);
    if (row < 0) return null;
    const producer = columns.producers.indexOf.get(columns.producerId[row]!);
    const set = columns.productSetById.get(columns.productSetId[row]!);
    const group = set && columns.groupById.get(set.groupId);
    const province = columns.provinceById.get(columns.provinceId[row]!);
    const communeId = columns.communeId[row]!;
    const communeName = communeId ? columns.communeNameById.get(communeId) : null;
    if (producer === undefined || !group || !province || communeName === undefined) return null;
    const revokedOn = columns.revokedOn[row]!;
    const dates = {
      signedOn: dateOfDayNumber(columns.inForceFrom[row]!), // in force from its signing day (inForceDays)
      validUntil: dateOfDayNumber(columns.validUntil[row]!),
      revokedOn: revokedOn === NO_DAY ? null : dateOfDayNumber(revokedOn),
    };
    views.push({
      slug: textAt(columns.slug, row),
      nameVi: textAt(columns.nameVi, row),
      nameEn: textAt(columns.nameEn, row) || null,
      groupCode: group.code,
      producerName: textAt(columns.producers.legalName, producer),
      place: cardPlace(communeName, province, language),
      image: cardImage(columns.firstImageByProduct.get(productId), language),
      stars: columns.stars[row]!,
      // A standing certificate is never superseded: its dates decide (as in the cards query).
      status: certificationStatus(dates, today),
      validUntil: dates.validUntil,
    });
  }
  return views;
}
