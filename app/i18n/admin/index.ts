/** The admin area's messages, one file per part so each can grow on its own. */
import { accountsEn, accountsVi } from "./accounts";
import { auditEn, auditVi } from "./audit";
import { certificationsEn, certificationsVi } from "./certifications";
import { mediaEn, mediaVi } from "./media";
import { dashboardEn, dashboardVi } from "./dashboard";
import { importsEn, importsVi } from "./imports";
import { producersEn, producersVi } from "./producers";
import { productsEn, productsVi } from "./products";
import { outboxEn, outboxVi } from "./outbox";
import { reviewsEn, reviewsVi } from "./reviews";
import { shellEn, shellVi } from "./shell";
import { signInEn, signInVi } from "./sign-in";

export const adminVi = {
  shell: shellVi,
  signIn: signInVi,
  producers: producersVi,
  products: productsVi,
  media: mediaVi,
  certifications: certificationsVi,
  audit: auditVi,
  dashboard: dashboardVi,
  imports: importsVi,
  accounts: accountsVi,
  reviews: reviewsVi,
  outbox: outboxVi,
};

export const adminEn: typeof adminVi = {
  shell: shellEn,
  signIn: signInEn,
  producers: producersEn,
  products: productsEn,
  media: mediaEn,
  certifications: certificationsEn,
  audit: auditEn,
  dashboard: dashboardEn,
  imports: importsEn,
  accounts: accountsEn,
  reviews: reviewsEn,
  outbox: outboxEn,
};
