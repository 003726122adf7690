import { localizedPath } from "./config";

/** hreflang links for a page that exists in both languages (`path` is language-neutral). */
export function alternateLinks(origin: string, path: string) {
  return [
    { tagName: "link", rel: "alternate", hrefLang: "vi", href: origin + localizedPath("vi", path) },
    { tagName: "link", rel: "alternate", hrefLang: "en", href: origin + localizedPath("en", path) },
    { tagName: "link", rel: "alternate", hrefLang: "x-default", href: origin + localizedPath("vi", path) },
  ];
}
