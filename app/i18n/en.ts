import type { Messages } from "./vi";

export const en: Messages = {
  site: {
    name: "OCOP Catalogue",
    tagline: "Certified OCOP products, open to everyone",
    skipToContent: "Skip to main content",
    languageSwitch: "Tiếng Việt",
    languageSwitchLabel: "View this page in Vietnamese",
    demoNotice:
      "Demo data: product and producer names come from public sources; decision numbers, scores and dates are invented.",
    footer: "One Commune One Product (OCOP) programme. Open source.",
  },
  nav: { home: "Home", products: "Products", producers: "Producers", stats: "Statistics" },
  home: {
    title: "OCOP product catalogue",
    intro: "Find products certified with 3, 4 or 5 OCOP stars, their producers, and whether each certificate is still valid.",
    certifiedProducts_one: "{{count}} product with a valid certificate",
    certifiedProducts_other: "{{count}} products with a valid certificate",
    producers_one: "from {{count}} producer",
    producers_other: "from {{count}} producers",
    byStars: "By stars",
    byGroup: "By product group",
    starsLabel_one: "{{count}} star",
    starsLabel_other: "{{count}} stars",
    productCount_one: "{{count}} product",
    productCount_other: "{{count}} products",
    group: "Group",
    count: "Products",
  },
  errors: {
    notFoundTitle: "Page not found",
    notFoundBody: "The page you are looking for does not exist or has moved.",
    errorTitle: "Something went wrong",
    errorBody: "Sorry, the server ran into a problem. Please try again in a few minutes.",
    backHome: "Back to the home page",
  },
};
