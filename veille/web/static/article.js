/* veille web UI: an article with its facts' evidence highlighted, and the article list. */
"use strict";

function factTooltip(facts) {
  return facts.map((f, i) => {
    const x = f.fields || {};
    const rows = [];
    if (f.type === "move") rows.push(`${esc(x.person)} — <b>${x.change === "start" ? "arrivée" : "départ"}</b>`);
    else rows.push(`<b>${esc(TYPE[f.type] || f.type)}</b>`);
    for (const [label, key] of [["Personne", "person"], ["Rôle", "role"], ["Organisation", "org"], ["Date", "date"], ["Marché", "market"]]) {
      if (x[key] && !(f.type === "move" && key === "person")) rows.push(`${label} : ${esc(key === "date" ? fmtDate(x[key]) : x[key])}`);
    }
    if (x.orgs) rows.push(`Organisations : ${esc(x.orgs.join(", "))}`);
    if (f.type === "amount") rows.push(`Montant : ${esc(fmtMoney(x.value, x.currency))} (${esc(x.kind)})`);
    if (f.type === "market_share") rows.push(`Part : ${esc((100 * x.value).toFixed(1))} %`);
    if (x.status && x.status !== "done") rows.push(`Statut : ${esc(STATUS[x.status] || x.status)}`);
    rows.push(`Confiance : ${Math.round(100 * f.confidence)} %` + (f.event_articles > 1 ? ` · rapporté par ${f.event_articles} articles` : ""));
    return (i ? '<div class="sep"></div>' : "") + rows.map((r) => `<div class="row">${r}</div>`).join("");
  }).join("");
}

/* The article text with every fact's evidence as a <mark>; overlapping spans are cut at
   every boundary so that each piece knows all the facts covering it. */
function highlightedText(article) {
  const text = article.full_text;
  const titleEnd = article.title ? article.title.length : 0;
  const cuts = new Set([0, titleEnd, text.length]);
  for (const f of article.facts) { cuts.add(Math.max(0, f.start)); cuts.add(Math.min(text.length, f.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const container = h("div", { class: "article-text", "data-testid": "article-text" });
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = article.facts.filter((f) => f.start <= a && f.end >= b && f.end > f.start);
    let node;
    if (covering.length) {
      node = h("mark", { class: `fact ${factClass(covering[0])}`, "data-fact": covering.map((f) => f.id).join(" "),
        "data-testid": "evidence", tabindex: "0" }, piece);
      node.addEventListener("mousemove", (ev) => showTooltip(factTooltip(covering), ev));
      node.addEventListener("mouseleave", () => showTooltip(null));
    } else {
      node = document.createTextNode(piece);
    }
    container.append(a < titleEnd ? h("span", { class: "title-part" }, node) : node);
  }
  return container;
}

/* CSS class of a fact: its type, and for a move its change (arrivals green, departures red). */
function factClass(f) {
  return f.type === "move" && f.fields && f.fields.change === "end" ? "move end" : f.type;
}

function focusFact(id) {
  document.querySelectorAll("mark.fact.focus").forEach((m) => m.classList.remove("focus"));
  const marks = [...document.querySelectorAll("mark.fact")].filter((m) => m.dataset.fact.split(" ").includes(String(id)));
  marks.forEach((m) => m.classList.add("focus"));
  if (marks[0]) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
}

/* Only http(s) addresses become links: an article's url is whatever its source said, and
   "javascript:…" or "data:…" would run or show content on click. */
function isWebLink(url) {
  return typeof url === "string" && /^https?:\/\/[^\s]/i.test(url.trim());
}

async function articlePage(id, params) {
  const article = await api(`/api/articles/${enc(id)}`);
  const factItems = article.facts.map((f) => {
    const x = f.fields || {};
    const who = x.person || (x.orgs || []).join(" + ") || x.org || "";
    return h("li", { "data-testid": "fact-item", onclick: () => focusFact(f.id) },
      h("div", {}, h("span", { class: `dot ${factClass(f)}` }), h("strong", {}, TYPE[f.type] || f.type),
        f.type === "move" ? ` (${x.change === "start" ? "arrivée" : "départ"})` : "", " ", statusBadges(x)),
      h("div", {}, x.person_id ? h("a", { href: personHref(x.person_id), "data-testid": "fact-person" }, who) : who,
        x.role ? h("span", { class: "muted" }, ` — ${x.role}`) : null,
        x.org && x.person ? [" · ", x.org_id ? h("a", { href: orgHref(x.org_id) }, x.org) : x.org] : null),
      f.event_articles > 1 ? h("div", { class: "small muted" }, `rapporté par ${f.event_articles} articles`) : null,
      correctionLine(f.correction),
      EDIT_FIELDS[f.type] ? correctionControls(f.id, f.type, x, () => route()) : null);
  });
  setPage(article.title || article.id,
    h("p", { class: "kicker" }, "Article ", h("code", {}, article.id), " · ", fmtDate(article.published),
      article.source ? ` · ${article.source}` : "",
      isWebLink(article.url) ? [" · ", h("a", { href: article.url, target: "_blank", rel: "noopener noreferrer" }, "original")] : null),
    h("div", { class: "article-layout" },
      h("div", { class: "card" }, highlightedText(article)),
      h("aside", {}, h("div", { class: "card" }, h("h3", {}, `${article.facts.length} fait(s) extrait(s)`),
        article.facts.length ? h("ul", { class: "list factlist" }, factItems) : h("p", { class: "empty" }, "Aucun fait."),
        h("p", { class: "small muted" }, `Extracteur ${article.extractor_version}. Survoler un passage surligné pour voir le fait.`)))),
    explainPanel(article.id));
  const fact = params.get("fact");
  if (fact) setTimeout(() => focusFact(fact), 50);
}

async function articlesPage(params) {
  const offset = Number(params.get("offset") || 0);
  const page = await api("/api/articles", { limit: 50, offset });
  setPage("Articles", h("h1", {}, "Articles"), h("p", { class: "kicker" }, `${page.total} article(s) dans la base`),
    h("div", { class: "card" }, articleList(page.articles),
      h("div", { class: "pager small" },
        offset > 0 ? h("a", { href: `#/articles?offset=${Math.max(0, offset - 50)}` }, "← plus récents") : null,
        offset + 50 < page.total ? h("a", { href: `#/articles?offset=${offset + 50}` }, "plus anciens →") : null)));
}
