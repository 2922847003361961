/* veille web UI: a small single-page app over the REST API (/api). No framework, no build
   step. Pages are hash routes (#/person/<id>) so links can be shared and the back button
   works. Everything from the API is inserted as text (never as HTML), except the tooltip,
   whose content is escaped first. */
"use strict";

const app = document.getElementById("app");
const tooltipEl = document.getElementById("tooltip");

/* ---------- helpers ---------- */

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function esc(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;",
    '"': "&quot;", "'": "&#39;" })[c]);
}

class ApiError extends Error {
  constructor(status, message, detail) { super(message); this.status = status; this.detail = detail; }
}

async function api(path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
  const response = await fetch(url);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body && body.error) || { status: response.status, message: response.statusText };
    throw new ApiError(error.status, error.message, error.detail);
  }
  return body;
}

const enc = encodeURIComponent;
const personHref = (idOrName) => `#/person/${enc(idOrName)}`;
const orgHref = (idOrName) => `#/org/${enc(idOrName)}`;
const articleHref = (id, factId) => `#/article/${enc(id)}` + (factId ? `?fact=${factId}` : "");

const KIND = { start: "Arrivée", end: "Départ", position: "Poste" };
const STATUS = { planned: "annoncé", reported: "rapporté" };
const TYPE = { move: "Mouvement", position: "Poste", partnership: "Partenariat", amount: "Montant",
  market_share: "Part de marché" };
const MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];
const SEASONS = { SP: "printemps", SU: "été", FA: "automne", WI: "hiver" };

/* A FACTS.md date in French: "2024-03" -> "mars 2024", "2024-Q2" -> "T2 2024". */
function fmtDate(value) {
  if (!value) return "date inconnue";
  const v = String(value).slice(0, 10);
  let m;
  if ((m = v.match(/^(\d{4})-(\d{2})-(\d{2})$/))) return `${+m[3]} ${MONTHS[+m[2] - 1]} ${m[1]}`;
  if ((m = v.match(/^(\d{4})-(\d{2})$/))) return `${MONTHS[+m[2] - 1]} ${m[1]}`;
  if ((m = v.match(/^(\d{4})-Q(\d)$/))) return `T${m[2]} ${m[1]}`;
  if ((m = v.match(/^(\d{4})-W(\d{2})$/))) return `sem. ${+m[2]} ${m[1]}`;
  if ((m = v.match(/^(\d{4})-(SP|SU|FA|WI)$/))) return `${SEASONS[m[2]]} ${m[1]}`;
  return v;
}

function fmtMoney(value, currency) {
  const n = Number(value || 0);
  const scale = n >= 1e9 ? [1e9, " Md"] : n >= 1e6 ? [1e6, " M"] : n >= 1e3 ? [1e3, " k"] : [1, ""];
  const shown = (n / scale[0]).toLocaleString("fr-FR", { maximumFractionDigits: 2 });
  return `${shown}${scale[1]} ${currency || ""}`.trim();
}

function statusBadges(item) {
  return [
    item.status && STATUS[item.status] ? h("span", { class: `badge ${item.status}` }, STATUS[item.status]) : null,
    item.interim ? h("span", { class: "badge interim" }, "intérim") : null,
  ];
}

function marked(text, marks) {
  const out = [];
  let last = 0;
  for (const m of marks || []) {
    out.push(text.slice(last, m.start), h("mark", { class: "hl" }, text.slice(m.start, m.end)));
    last = m.end;
  }
  out.push(text.slice(last));
  return out;
}

function showTooltip(html, event) {
  if (!html) { tooltipEl.hidden = true; return; }
  tooltipEl.innerHTML = html;  // callers escape every value
  tooltipEl.hidden = false;
  const pad = 14;
  const box = tooltipEl.getBoundingClientRect();
  let x = event.clientX + pad;
  let y = event.clientY + pad;
  if (x + box.width > innerWidth - 8) x = event.clientX - box.width - pad;
  if (y + box.height > innerHeight - 8) y = event.clientY - box.height - pad;
  tooltipEl.style.left = `${Math.max(8, x)}px`;
  tooltipEl.style.top = `${Math.max(8, y)}px`;
}

function setPage(title, ...content) {
  document.title = title ? `${title} — veille` : "veille";
  showTooltip(null);
  app.replaceChildren(...content.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  window.scrollTo(0, 0);
}

function errorCard(error, kind) {
  const suggestions = (error.detail && error.detail.suggestions) || [];
  const link = kind === "org" ? orgHref : kind === "person" ? personHref : (s) => articleHref(s);
  const what = { person: "Aucune personne nommée", organisation: "Aucune organisation nommée",
    article: "Aucun article d'identifiant" };
  const detail = error.detail || {};
  const message = error.status === 404 && what[detail.kind]
    ? `${what[detail.kind]} « ${detail.name} » dans la base.` : error.message;
  return h("div", { class: "card error", "data-testid": "error" },
    h("p", {}, h("strong", {}, error.status === 404 ? "Introuvable. " : "Erreur. "), message),
    suggestions.length ? h("p", {}, "Vouliez-vous dire : ",
      suggestions.map((s, i) => [i ? ", " : "", h("a", { href: link(s) }, s)])) : null);
}

/* ---------- pages ---------- */

async function homePage() {
  const stats = await api("/api/stats");
  const recent = await api("/api/articles", { limit: 8 });
  const flows = await api("/api/flows", { limit: 8 });
  const form = h("form", { class: "bigsearch", onsubmit: (e) => { e.preventDefault(); go(`#/search?q=${enc(form.q.value)}`); } },
    h("input", { name: "q", type: "search", placeholder: "Ex. : Julien Berthaud, OVHcloud, « directeur financier »…",
      "aria-label": "Rechercher", "data-testid": "home-search", autofocus: true }),
    h("button", { type: "submit" }, "Rechercher"));
  attachSuggest(form.q);
  const f = stats.facts || {};
  setPage("", h("section", { class: "hero" },
    h("h1", {}, "Qui rejoint qui, qui part où"),
    h("p", {}, "Nominations, départs, postes, partenariats et chiffres extraits de la presse, " +
      "chacun avec la phrase qui le prouve."), form),
  h("div", { class: "grid stats" },
    [["articles", stats.articles], ["mouvements", f.move || 0], ["postes", f.position || 0],
      ["partenariats", f.partnership || 0], ["montants", (f.amount || 0) + (f.market_share || 0)],
      ["personnes", (stats.entities || {}).person || 0], ["organisations", (stats.entities || {}).org || 0]]
      .map(([label, n]) => h("div", { class: "card stat" }, h("div", { class: "n" }, n.toLocaleString("fr-FR")),
        h("div", { class: "l" }, label)))),
  h("div", { class: "grid two", style: "margin-top:1.5rem" },
    h("div", { class: "card" }, h("h3", {}, "Derniers articles"), articleList(recent.articles),
      h("p", { class: "small" }, h("a", { href: "#/articles" }, "Tous les articles →"))),
    h("div", { class: "card" }, h("h3", {}, "Flux de talents"),
      flows.flows.length ? h("ul", { class: "list" }, flows.flows.map(flowItem))
        : h("p", { class: "empty" }, "Aucun flux connu."),
      h("p", { class: "small" }, h("a", { href: "#/flows" }, "Explorer le graphe →")))));
}

function articleList(articles) {
  if (!articles.length) return h("p", { class: "empty" }, "Aucun article.");
  return h("ul", { class: "list" }, articles.map((a) => h("li", {},
    h("a", { class: "hit-title", href: articleHref(a.id) }, a.title || a.id),
    h("div", { class: "small muted" }, fmtDate(a.published), a.source ? ` · ${a.source}` : "",
      ` · ${a.facts} fait(s)`))));
}

function flowItem(f) {
  return h("li", { class: "small" },
    h("a", { href: personHref(f.person_id) }, f.person), " ",
    h("span", { class: "muted" }, "a quitté "), h("a", { href: orgHref(f.from_org_id) }, f.from_org),
    h("span", { class: "muted" }, " pour "), h("a", { href: orgHref(f.to_org_id) }, f.to_org),
    h("span", { class: "muted" }, ` · ${fmtDate(f.date)}`));
}

async function searchPage(params) {
  const q = params.get("q") || "";
  const offset = Number(params.get("offset") || 0);
  document.getElementById("topsearch-input").value = q;
  if (!q.trim()) { go("#/"); return; }
  let results;
  try {
    results = await api("/api/search", { q, offset, limit: 20 });
  } catch (error) {
    if (error.status === 422) {
      setPage("Recherche", h("h1", {}, "Recherche"), errorCard(error));
      return;
    }
    throw error;
  }
  const people = results.entities.filter((e) => e.type === "person");
  const orgs = results.entities.filter((e) => e.type === "org");
  const pager = (total) => total > results.limit ? h("div", { class: "pager small" },
    offset > 0 ? h("a", { href: `#/search?q=${enc(q)}&offset=${Math.max(0, offset - results.limit)}` }, "← précédents") : null,
    h("span", { class: "muted" }, `${offset + 1}–${Math.min(offset + results.limit, total)} sur ${total}`),
    offset + results.limit < total ? h("a", { href: `#/search?q=${enc(q)}&offset=${offset + results.limit}` }, "suivants →") : null) : null;
  setPage(`Recherche « ${q} »`,
    h("h1", {}, "Résultats pour « ", q, " »"),
    h("p", { class: "kicker" }, `${results.articles_total} article(s), ${results.evidence_total} preuve(s)` +
      (results.entities.length ? `, ${results.entities.length} nom(s)` : "")),
    results.entities.length ? h("div", { class: "card", "data-testid": "names" },
      people.length ? [h("h3", {}, "Personnes"), h("div", { class: "chips" }, people.map((e) =>
        h("a", { class: "chip person", href: personHref(e.id), "data-testid": "person-hit" }, e.name, h("span", { class: "muted" }, ` ${e.facts}`))))] : null,
      orgs.length ? [h("h3", { style: "margin-top:.6rem" }, "Organisations"), h("div", { class: "chips" }, orgs.map((e) =>
        h("a", { class: "chip org", href: orgHref(e.id), "data-testid": "org-hit" }, e.name, h("span", { class: "muted" }, ` ${e.facts}`))))] : null) : null,
    h("div", { class: "grid two", style: "margin-top:1rem" },
      h("div", { class: "card" }, h("h3", {}, "Articles"),
        results.articles.length ? h("ul", { class: "list" }, results.articles.map((a) => h("li", {},
          h("a", { class: "hit-title", href: articleHref(a.id), "data-testid": "article-hit" }, a.title || a.id),
          h("div", { class: "small muted" }, fmtDate(a.published)),
          h("div", { class: "snippet" }, marked(a.snippet, a.marks))))) : h("p", { class: "empty" }, "Aucun article."),
        pager(results.articles_total)),
      h("div", { class: "card" }, h("h3", {}, "Preuves"),
        results.evidence.length ? h("ul", { class: "list" }, results.evidence.map((e) => h("li", {},
          h("div", { class: "small" }, h("span", { class: `dot ${e.type}${e.change === "end" ? " end" : ""}` }),
            TYPE[e.type] || e.type, e.type === "move" ? ` (${e.change === "end" ? "départ" : "arrivée"})` : "",
            e.person ? [" · ", e.person_id ? h("a", { href: personHref(e.person_id) }, e.person) : e.person] : null,
            e.org ? [" · ", e.org_id ? h("a", { href: orgHref(e.org_id) }, e.org) : e.org] : null),
          h("div", { class: "snippet" }, "« ", marked(e.snippet, e.marks), " » ",
            h("a", { class: "small", href: articleHref(e.article_id, e.fact_id) }, "voir dans l'article"))))) :
          h("p", { class: "empty" }, "Aucune preuve."),
        pager(results.evidence_total))));
}

function quotes(sources, max) {
  const shown = sources.slice(0, max);
  return h("ul", { class: "quotes" }, shown.map((s) => h("li", {}, "« ", s.quote, " »",
    h("a", { class: "src", href: articleHref(s.article_id, s.fact_id), "data-testid": "source-link" },
      `${s.title || s.article_id}, ${fmtDate(s.published)}`))),
  sources.length > max ? h("li", { class: "muted small" }, `… et ${sources.length - max} autre(s) source(s)`) : null);
}

function stepCard(step, who) {
  const when = step.date ? fmtDate(step.date) : "date inconnue";
  return h("li", { class: `step ${step.kind}`, "data-testid": "step" },
    h("div", { class: "card" },
      h("div", { class: "step-head" },
        h("span", { class: `when${step.date_is_published ? " approx" : ""}`,
          title: step.date_is_published ? "Date de l'article : le texte n'en donne pas" : "Date indiquée par le texte" },
        step.date_is_published ? `≈ ${when}` : when),
        h("span", { class: `kind ${step.kind}` }, step.kind === "position" && step.current === false ? "Ancien poste" : KIND[step.kind]),
        who,
        step.role ? h("span", { class: "role" }, step.role) : null,
        statusBadges(step),
        h("span", { class: "muted small" }, `${step.article_ids.length} article(s)`)),
      quotes(step.sources, 3)));
}

async function personPage(name) {
  const person = await api(`/api/person/${enc(name)}`);
  const p = person.person;
  setPage(p.name,
    h("p", { class: "kicker" }, "Personne"),
    h("h1", { "data-testid": "person-name" }, p.name),
    p.aliases.length ? h("p", { class: "muted small" }, "Aussi : ", p.aliases.join(", ")) : null,
    person.orgs.length ? h("div", { class: "chips" }, person.orgs.map((o) =>
      h("a", { class: "chip org", href: orgHref(o.id), "data-testid": "org-link" }, o.name))) : null,
    h("h2", {}, "Parcours"),
    person.steps.length ? h("ol", { class: "timeline" }, person.steps.map((s) => stepCard(s,
      s.org ? h("a", { href: orgHref(s.org_id || s.org), class: "org-name", "data-testid": "step-org" }, s.org)
        : h("span", { class: "muted" }, "organisation non précisée"))))
      : h("p", { class: "empty" }, "Aucun mouvement ni poste connu."));
}

function yearBars(profile) {
  const years = new Map();
  const add = (step, key) => {
    const y = (step.date || "").slice(0, 4);
    if (!/^\d{4}$/.test(y)) return;
    if (!years.has(y)) years.set(y, { in: 0, out: 0 });
    years.get(y)[key] += 1;
  };
  profile.arrivals.forEach((s) => add(s, "in"));
  profile.departures.forEach((s) => add(s, "out"));
  if (years.size < 1) return null;
  const keys = [...years.keys()].sort();
  const max = Math.max(...keys.map((k) => Math.max(years.get(k).in, years.get(k).out)));
  const bw = 14;
  const gap = 18;
  const width = keys.length * (2 * bw + gap) + 10;
  const height = 110;
  const svgNS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNS, "svg");
  svg.setAttribute("class", "bars");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", String(Math.min(width, 900)));
  svg.setAttribute("height", String(height));
  keys.forEach((k, i) => {
    const x = 5 + i * (2 * bw + gap);
    [["in", 0], ["out", bw]].forEach(([key, dx]) => {
      const v = years.get(k)[key];
      const bh = max ? (v / max) * 70 : 0;
      const r = document.createElementNS(svgNS, "rect");
      r.setAttribute("class", key);
      r.setAttribute("x", String(x + dx)); r.setAttribute("width", String(bw - 2));
      r.setAttribute("y", String(85 - bh)); r.setAttribute("height", String(Math.max(bh, v ? 2 : 0)));
      const t = document.createElementNS(svgNS, "title");
      t.textContent = `${k} : ${v} ${key === "in" ? "arrivée(s)" : "départ(s)"}`;
      r.appendChild(t);
      svg.appendChild(r);
    });
    const label = document.createElementNS(svgNS, "text");
    label.setAttribute("x", String(x + bw)); label.setAttribute("y", "101");
    label.setAttribute("text-anchor", "middle");
    label.textContent = k;
    svg.appendChild(label);
  });
  return h("div", { class: "card", style: "margin-top:1rem" }, h("h3", {}, "Arrivées et départs par année"),
    h("div", { class: "legend" }, h("span", { class: "dot move" }), "arrivées ", h("span", { class: "dot", style: "background:var(--end)" }), "départs"), svg);
}

function otherFact(f) {
  const x = f.fields || {};
  let what = f.summary;
  if (f.type === "amount") what = `${fmtMoney(x.value, x.currency)} (${x.kind})${x.place ? " · " + x.place : ""}`;
  if (f.type === "market_share") what = `${(100 * (x.value || 0)).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} % ${x.market || ""}${x.source ? " · selon " + x.source : ""}`;
  if (f.type === "partnership") what = `${(x.orgs || []).join(" + ")}${x.subject ? " : " + x.subject : ""}`;
  return h("li", {}, h("div", {}, h("span", { class: `dot ${f.type}` }), h("strong", {}, TYPE[f.type]), " · ", what,
    h("span", { class: "muted small" }, ` · ${fmtDate(f.date)}`)),
  h("div", { class: "snippet" }, "« ", f.quote, " » ", h("a", { class: "small", href: articleHref(f.article_id) }, "article")));
}

function moveList(steps, empty) {
  if (!steps.length) return h("p", { class: "empty" }, empty);
  return h("ul", { class: "list moves" }, steps.slice().reverse().map((s) => h("li", { "data-testid": "org-move" },
    h("span", { class: "when" + (s.date_is_published ? " approx" : "") }, (s.date_is_published ? "≈ " : "") + fmtDate(s.date)),
    h("span", {}, h("a", { href: personHref(s.person_id || s.person), "data-testid": "org-person" }, s.person),
      s.role ? h("span", { class: "muted" }, ` — ${s.role}`) : null, " ", statusBadges(s), " ",
      h("a", { class: "small", href: articleHref(s.sources[0].article_id, s.sources[0].fact_id), "data-testid": "org-source" }, "source")))));
}

async function orgPage(name) {
  const profile = await api(`/api/org/${enc(name)}`);
  const o = profile.org;
  setPage(o.name,
    h("p", { class: "kicker" }, "Organisation"),
    h("h1", { "data-testid": "org-name" }, o.name),
    o.aliases.length ? h("p", { class: "muted small" }, "Aussi : ", o.aliases.join(", ")) : null,
    profile.children.length ? h("p", { class: "small" }, "Entités rattachées : ",
      profile.children.map((c, i) => [i ? ", " : "", h("a", { href: orgHref(c.id) }, c.name)])) : null,
    h("p", {}, h("a", { class: "btn secondary", href: `#/flows?org=${enc(o.id)}` }, "Voir ses flux de talents")),
    h("h2", {}, "Direction actuelle, d'après les articles"),
    profile.leadership.length ? h("div", { class: "leaders" }, profile.leadership.map((l) =>
      h("div", { class: "card leader", "data-testid": "leader" },
        h("div", { class: "who" }, h("a", { href: personHref(l.person_id || l.person) }, l.person)),
        h("div", { class: "what" }, l.role || "rôle non précisé"),
        h("div", { class: "small muted" }, l.since ? `depuis ${fmtDate(l.since)}` : `vu ${fmtDate(l.last_seen)}`))))
      : h("p", { class: "empty" }, "Personne n'est connu en poste."),
    yearBars(profile),
    h("div", { class: "grid two", style: "margin-top:1rem" },
      h("div", { class: "card" }, h("h3", {}, `Arrivées (${profile.arrivals.length})`), moveList(profile.arrivals, "Aucune arrivée connue.")),
      h("div", { class: "card" }, h("h3", {}, `Départs (${profile.departures.length})`), moveList(profile.departures, "Aucun départ connu."))),
    profile.positions.length ? h("div", { class: "card", style: "margin-top:1rem" }, h("h3", {}, "Postes cités"),
      moveList(profile.positions, "")) : null,
    profile.other_facts.length ? h("div", { class: "card", style: "margin-top:1rem" },
      h("h3", {}, "Partenariats, montants et parts de marché"), h("ul", { class: "list" }, profile.other_facts.map(otherFact))) : null);
}

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
      f.event_articles > 1 ? h("div", { class: "small muted" }, `rapporté par ${f.event_articles} articles`) : null);
  });
  setPage(article.title || article.id,
    h("p", { class: "kicker" }, "Article ", h("code", {}, article.id), " · ", fmtDate(article.published),
      article.source ? ` · ${article.source}` : "",
      article.url ? [" · ", h("a", { href: article.url, target: "_blank", rel: "noopener noreferrer" }, "original")] : null),
    h("div", { class: "article-layout" },
      h("div", { class: "card" }, highlightedText(article)),
      h("aside", {}, h("div", { class: "card" }, h("h3", {}, `${article.facts.length} fait(s) extrait(s)`),
        article.facts.length ? h("ul", { class: "list factlist" }, factItems) : h("p", { class: "empty" }, "Aucun fait."),
        h("p", { class: "small muted" }, `Extracteur ${article.extractor_version}. Survoler un passage surligné pour voir le fait.`)))));
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

async function flowsPage(params) {
  const filters = { since: params.get("since") || "", until: params.get("until") || "", org: params.get("org") || "" };
  const form = h("form", { class: "filters", onsubmit: (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const k of ["since", "until", "org"]) if (form[k].value.trim()) q.set(k, form[k].value.trim());
    go(`#/flows?${q}`);
  } },
  h("label", {}, "Depuis", h("input", { name: "since", value: filters.since, placeholder: "2023 ou 2023-06" })),
  h("label", {}, "Jusqu'à", h("input", { name: "until", value: filters.until, placeholder: "2024-12" })),
  h("label", {}, "Organisation", h("input", { name: "org", value: filters.org, placeholder: "toutes" })),
  h("button", { class: "btn", type: "submit" }, "Filtrer"),
  (filters.since || filters.until || filters.org) ? h("a", { href: "#/flows", class: "small" }, "effacer") : null);
  let data;
  try {
    data = await api("/api/flows", { ...filters, limit: 200 });
  } catch (error) {
    if (error.status === 404 || error.status === 422) {
      setPage("Flux de talents", h("h1", {}, "Flux de talents"), form, errorCard(error, "org"));
      return;
    }
    throw error;
  }
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "graph");
  svg.setAttribute("data-testid", "flow-graph");
  setPage("Flux de talents", h("h1", {}, "Flux de talents"),
    h("p", { class: "kicker" }, "Qui a quitté quelle organisation pour laquelle : un départ et une arrivée de la même personne, " +
      "dans le même article ou à moins d'un an d'écart."),
    form,
    data.flows.length ? [
      h("div", { class: "graph-wrap" }, svg),
      h("p", { class: "legend", id: "graph-legend" }),
      h("div", { class: "card" }, h("h3", {}, `${data.total} flux`),
        h("table", { class: "data" }, h("thead", {}, h("tr", {}, ["Date", "Personne", "De", "", "Vers", "Rôle", "Sources"].map((c) => h("th", {}, c)))),
          h("tbody", {}, data.flows.map((f) => h("tr", { "data-testid": "flow-row" },
            h("td", {}, fmtDate(f.date)), h("td", {}, h("a", { href: personHref(f.person_id) }, f.person)),
            h("td", {}, h("a", { href: orgHref(f.from_org_id) }, f.from_org)), h("td", { class: "arrow" }, "→"),
            h("td", {}, h("a", { href: orgHref(f.to_org_id) }, f.to_org)),
            h("td", { class: "small" }, f.role_to || f.role_from || ""),
            h("td", { class: "small" }, f.article_ids.map((a, i) => [i ? ", " : "", h("a", { href: articleHref(a) }, a)])))))))]
      : h("p", { class: "empty card" }, "Aucun flux pour ces critères."));
  if (data.flows.length) {
    const drawn = VeilleGraph.render(svg, data.flows, { onNode: (id) => go(orgHref(id)), tooltip: showTooltip });
    document.getElementById("graph-legend").textContent =
      `${drawn.nodes} organisation(s), ${drawn.edges} lien(s)` + (drawn.hidden ? ` (${drawn.hidden} organisation(s) peu reliées masquées)` : "") +
      ". Survoler un nœud pour voir ses liens ; cliquer pour ouvrir sa fiche. L'épaisseur d'une flèche suit le nombre de personnes.";
    if (data.total > data.flows.length) {
      document.getElementById("graph-legend").textContent += ` Les ${data.flows.length} premiers flux sur ${data.total} sont affichés : filtrer par date ou organisation pour préciser.`;
    }
  }
}

/* ---------- search as you type: names under a search box ---------- */

function attachSuggest(input) {
  const box = h("ul", { class: "suggest", role: "listbox", hidden: true, "data-testid": "suggest" });
  input.parentNode.style.position = "relative";
  input.parentNode.appendChild(box);
  input.setAttribute("aria-autocomplete", "list");
  let timer = null;
  let active = -1;
  let serial = 0;
  const close = () => { box.hidden = true; active = -1; };
  const items = () => [...box.querySelectorAll("a")];
  const highlight = (index) => {
    const links = items();
    active = (index + links.length) % links.length;
    links.forEach((a, i) => a.classList.toggle("active", i === active));
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) { close(); return; }
    timer = setTimeout(async () => {
      const mine = ++serial;
      let hits = [];
      try { hits = await api("/api/names", { q, limit: 8 }); } catch { hits = []; }
      if (mine !== serial) return;  // a later keystroke has its own answer
      box.replaceChildren(...hits.map((e) => h("li", {}, h("a", {
        href: e.type === "person" ? personHref(e.id) : orgHref(e.id), class: `chip-line ${e.type}`,
        onmousedown: (ev) => ev.preventDefault(), onclick: close,
      }, h("span", { class: `chip ${e.type}` }, e.type === "person" ? "personne" : "organisation"),
      " ", e.name, h("span", { class: "muted small" }, ` · ${e.facts} fait(s)`)))));
      box.hidden = hits.length === 0;
      active = -1;
    }, 150);
  });
  input.addEventListener("keydown", (ev) => {
    if (box.hidden) return;
    if (ev.key === "ArrowDown") { ev.preventDefault(); highlight(active + 1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); highlight(active - 1); }
    else if (ev.key === "Escape") close();
    else if (ev.key === "Enter" && active >= 0) {
      ev.preventDefault();
      const link = items()[active];
      close();
      go(link.getAttribute("href"));
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  input.form.addEventListener("submit", close);
}

/* ---------- routing ---------- */

function go(hash) { if (location.hash === hash) route(); else location.hash = hash; }

const ROUTES = [
  [/^#\/?$/, () => homePage()],
  [/^#\/search$/, (m, p) => searchPage(p)],
  [/^#\/person\/(.+)$/, (m) => personPage(decodeURIComponent(m[1])), "person"],
  [/^#\/org\/(.+)$/, (m) => orgPage(decodeURIComponent(m[1])), "org"],
  [/^#\/article\/(.+)$/, (m, p) => articlePage(decodeURIComponent(m[1]), p), "article"],
  [/^#\/articles$/, (m, p) => articlesPage(p)],
  [/^#\/flows$/, (m, p) => flowsPage(p)],
];

async function route() {
  const [path, query] = (location.hash || "#/").split("?");
  const params = new URLSearchParams(query || "");
  if (path !== "#/search") document.getElementById("topsearch-input").value = "";
  document.querySelectorAll("nav a[data-nav]").forEach((a) => a.classList.toggle("active", path.startsWith(`#/${a.dataset.nav}`)));
  for (const [pattern, page, kind] of ROUTES) {
    const match = path.match(pattern);
    if (!match) continue;
    delete app.dataset.ready;
    app.replaceChildren(h("p", { class: "loading" }, "Chargement…"));
    try {
      await page(match, params);
    } catch (error) {
      setPage("Erreur", errorCard(error instanceof ApiError ? error : { status: 0, message: String(error) }, kind));
    }
    app.dataset.ready = path;  // lets tests wait for a page to be drawn
    return;
  }
  setPage("Introuvable", errorCard({ status: 404, message: `Pas de page à l'adresse ${path}.` }));
  app.dataset.ready = path;
}

document.getElementById("topsearch").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = document.getElementById("topsearch-input").value.trim();
  if (q) go(`#/search?q=${enc(q)}`);
});
attachSuggest(document.getElementById("topsearch-input"));
window.addEventListener("hashchange", route);
route();
