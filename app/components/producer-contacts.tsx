import { useT } from "~/i18n/translate";

type Contacts = { phone: string | null; zalo: string | null; email: string | null; website: string | null };

const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, "")}`;
// Zalo's public chat link takes the phone number's digits.
const zaloHref = (zalo: string) => `https://zalo.me/${zalo.replace(/\D/g, "")}`;

/** A producer's contact rows (dt/dd pairs) for a surrounding <dl className="facts">. */
export function ProducerContactFacts({ producer }: { producer: Contacts }) {
  const t = useT();
  return (
    <>
      {producer.phone ? (
        <>
          <dt>{t("product.phone")}</dt>
          <dd>
            <a href={telHref(producer.phone)}>{producer.phone}</a>
          </dd>
        </>
      ) : null}
      {producer.zalo ? (
        <>
          <dt>Zalo</dt>
          <dd>
            <a href={zaloHref(producer.zalo)} rel="noopener noreferrer">
              {t("product.zalo")}
            </a>
          </dd>
        </>
      ) : null}
      {producer.email ? (
        <>
          <dt>{t("product.email")}</dt>
          <dd>
            <a href={`mailto:${producer.email}`}>{producer.email}</a>
          </dd>
        </>
      ) : null}
      {producer.website ? (
        <>
          <dt>{t("product.website")}</dt>
          <dd>
            <a href={producer.website} rel="noopener noreferrer">
              {producer.website.replace(/^https?:\/\//, "")}
            </a>
          </dd>
        </>
      ) : null}
    </>
  );
}
