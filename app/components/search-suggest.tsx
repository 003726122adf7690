import { useNavigate } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useT } from "~/i18n/translate";
import { useLanguage } from "~/i18n/use-language";
import { MIN_SUGGEST_LENGTH } from "~/modules/catalogue/query";
import { Stars } from "./stars";

type Suggestion = { kind: "product" | "producer"; key: string; label: string; detail: string; url: string; stars?: number };

type SuggestAnswer = {
  products: Array<{ slug: string; nameVi: string; nameEn: string | null; producer: string; stars: number; url: string }>;
  producers: Array<{ slug: string; legalName: string; provinceVi: string; provinceEn: string; url: string }>;
};

const DEBOUNCE_MS = 150;

/**
 * A search box with type-ahead suggestions from /api/suggest, following the
 * ARIA combobox pattern (list autocomplete): arrow keys move through the
 * suggestions, Enter opens the highlighted one, Escape closes the list.
 * Without JavaScript it is a plain search field that submits its form.
 */
export function SearchSuggestInput({
  id,
  defaultValue,
  placeholder,
}: {
  id: string;
  defaultValue?: string;
  placeholder?: string;
}) {
  const t = useT();
  const language = useLanguage();
  const navigate = useNavigate();
  const listId = useId();
  const [enhanced, setEnhanced] = useState(false);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const pending = useRef<AbortController>();

  useEffect(() => {
    setEnhanced(true);
    return () => {
      clearTimeout(timer.current);
      pending.current?.abort();
    };
  }, []);

  const input = useRef<HTMLInputElement>(null);
  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  // Leaving the box (or submitting its form) also drops an answer still on its way.
  const cancel = () => {
    clearTimeout(timer.current);
    pending.current?.abort();
    close();
  };

  const fetchSuggestions = (q: string) => {
    clearTimeout(timer.current);
    pending.current?.abort();
    if (q.trim().length < MIN_SUGGEST_LENGTH) {
      setSuggestions([]);
      close();
      return;
    }
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      pending.current = controller;
      try {
        const response = await fetch(`/api/suggest?${new URLSearchParams({ q, lang: language })}`, { signal: controller.signal });
        if (!response.ok) return;
        const answer = (await response.json()) as SuggestAnswer;
        const next: Suggestion[] = [
          ...answer.products.map((product) => ({
            kind: "product" as const,
            key: `product-${product.slug}`,
            label: (language === "en" && product.nameEn) || product.nameVi,
            detail: product.producer,
            url: product.url,
            stars: product.stars,
          })),
          ...answer.producers.map((producer) => ({
            kind: "producer" as const,
            key: `producer-${producer.slug}`,
            label: producer.legalName,
            detail: language === "en" ? producer.provinceEn : producer.provinceVi,
            url: producer.url,
          })),
        ];
        if (controller.signal.aborted || document.activeElement !== input.current) return;
        setSuggestions(next);
        setActive(-1);
        setOpen(next.length > 0);
      } catch {
        // Aborted by newer typing, or offline: the form still submits.
      }
    }, DEBOUNCE_MS);
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  const groups = (["product", "producer"] as const)
    .map((kind) => ({ kind, items: suggestions.map((item, index) => ({ item, index })).filter(({ item }) => item.kind === kind) }))
    .filter((group) => group.items.length > 0);

  return (
    <div className="suggest">
      <input
        ref={input}
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder={placeholder}
        maxLength={200}
        autoComplete="off"
        {...(enhanced
          ? {
              role: "combobox",
              "aria-autocomplete": "list" as const,
              "aria-expanded": open,
              "aria-controls": listId,
              "aria-activedescendant": open && active >= 0 ? optionId(active) : undefined,
            }
          : {})}
        onInput={(event) => fetchSuggestions(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            if (!suggestions.length) return;
            event.preventDefault();
            const step = event.key === "ArrowDown" ? 1 : -1;
            if (!open) {
              setOpen(true);
              setActive(step === 1 ? 0 : suggestions.length - 1);
              return;
            }
            setActive((current) => (current + step + suggestions.length) % suggestions.length);
          } else if (event.key === "Enter" && open && active >= 0 && suggestions[active]) {
            event.preventDefault();
            const target = suggestions[active]!;
            cancel();
            navigate(target.url);
          } else if (event.key === "Enter") {
            cancel(); // the form submits the typed text
          } else if (event.key === "Escape" && open) {
            event.preventDefault();
            close();
          } else if (event.key === "Tab") {
            close();
          }
        }}
        onBlur={cancel}
      />
      {enhanced ? (
        <div id={listId} role="listbox" aria-label={t("catalogue.suggestions")} className="suggest__list" hidden={!open}>
          {groups.map((group) => (
            <div key={group.kind} role="group" aria-labelledby={`${listId}-${group.kind}`}>
              <div role="presentation" id={`${listId}-${group.kind}`} className="suggest__heading">
                {group.kind === "product" ? t("catalogue.suggestedProducts") : t("catalogue.suggestedProducers")}
              </div>
              {group.items.map(({ item, index }) => (
                <div
                  key={item.key}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === active}
                  className="suggest__option"
                  // Keeps the focus in the box, so the click lands before the list closes.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => {
                    close();
                    navigate(item.url);
                  }}
                >
                  <span className="suggest__label">{item.label}</span>
                  <span className="suggest__detail">
                    {item.stars ? (
                      <>
                        <Stars count={item.stars} />{" "}
                      </>
                    ) : null}
                    {item.detail}
                  </span>
                </div>
              ))}
            </div>
          ))}
        </div>
      ) : null}
      {enhanced ? (
        <div role="status" className="visually-hidden">
          {open ? t("catalogue.suggestionCount", { count: suggestions.length }) : ""}
        </div>
      ) : null}
    </div>
  );
}
