/* veille web UI: the home, search, person and organisation pages. */
"use strict";

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
  h("div", { class: "grid two gap-above-lg" },
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
      orgs.length ? [h("h3", { class: "gap-above-sm" }, "Organisations"), h("div", { class: "chips" }, orgs.map((e) =>
        h("a", { class: "chip org", href: orgHref(e.id), "data-testid": "org-hit" }, e.name, h("span", { class: "muted" }, ` ${e.facts}`))))] : null) : null,
    h("div", { class: "grid two gap-above" },
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
  return h("li", { class: `step ${step.kind}`, "data-testid": "step" },
    h("div", { class: "card" },
      h("div", { class: "step-head" },
        h("span", { class: `when${step.date_is_published ? " approx" : ""}`, "data-testid": "step-date",
          title: step.date_is_published ? "Le texte ne date pas ce fait : date de l'article qui le rapporte" : "Date indiquée par le texte" },
        step.date_is_published ? shownDate(null, step.date) : fmtDate(step.date)),
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
    person.redirected_from ? h("p", { class: "small muted", "data-testid": "redirected" },
      `« ${person.redirected_from} » a été fusionné avec cette personne.`) : null,
    p.aliases.length ? h("p", { class: "muted small" }, "Aussi : ", p.aliases.join(", ")) : null,
    followBox(p, "person"),
    person.namesakes.length ? h("p", { class: "card small", "data-testid": "namesakes" },
      `Ce nom est partagé : ${person.namesakes.length} autre(s) personne(s) le portent — `,
      person.namesakes.map((n, i) => [i ? ", " : "", h("a", { href: personHref(n.id) }, `${n.name} (${n.id})`)]),
      ". Cette page ne montre que celle-ci.") : null,
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
  return h("div", { class: "card gap-above" }, h("h3", {}, "Arrivées et départs par année"),
    h("div", { class: "legend" }, h("span", { class: "dot move" }), "arrivées ", h("span", { class: "dot end" }), "départs"), svg);
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
    h("span", { class: "when" + (s.date_is_published ? " approx" : "") }, s.date_is_published ? shownDate(null, s.date) : fmtDate(s.date)),
    h("span", {}, h("a", { href: personHref(s.person_id || s.person), "data-testid": "org-person" }, s.person),
      s.role ? h("span", { class: "muted" }, ` — ${s.role}`) : null, " ", statusBadges(s), " ",
      h("a", { class: "small", href: articleHref(s.sources[0].article_id, s.sources[0].fact_id), "data-testid": "org-source" }, "source")))));
}

// The names an organisation had before its current one ("La République en marche
// (jusqu'en 2022)"): a fact of those years shows the name of its time.
function formerNames(o) {
  if (!(o.former_names || []).length) return null;
  return h("p", { class: "small", "data-testid": "org-former-names" }, "Aussi connue sous le nom de ",
    o.former_names.map((f) => `${f.name} (jusqu'en ${f.until.slice(0, 4)})`).join(", "));
}

async function orgPage(name) {
  const profile = await api(`/api/org/${enc(name)}`);
  const o = profile.org;
  setPage(o.name,
    h("p", { class: "kicker" }, "Organisation"),
    h("h1", { "data-testid": "org-name" }, o.name),
    profile.redirected_from ? h("p", { class: "small muted", "data-testid": "redirected" },
      `« ${profile.redirected_from} » a été fusionné avec cette organisation.`) : null,
    formerNames(o),
    o.aliases.length ? h("p", { class: "muted small" }, "Aussi : ", o.aliases.join(", ")) : null,
    h("p", { class: "small", "data-testid": "org-country" }, "Pays : ",
      o.country ? (o.country_name || o.country) : h("span", { class: "muted" }, "non connu")),
    followBox(o, "org"),
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
    h("div", { class: "grid two gap-above" },
      h("div", { class: "card" }, h("h3", {}, `Arrivées (${profile.arrivals.length})`), moveList(profile.arrivals, "Aucune arrivée connue.")),
      h("div", { class: "card" }, h("h3", {}, `Départs (${profile.departures.length})`), moveList(profile.departures, "Aucun départ connu."))),
    profile.positions.length ? h("div", { class: "card gap-above" }, h("h3", {}, "Postes cités"),
      moveList(profile.positions, "")) : null,
    profile.other_facts.length ? h("div", { class: "card gap-above" },
      h("h3", {}, "Partenariats, montants et parts de marché"), h("ul", { class: "list" }, profile.other_facts.map(otherFact))) : null);
}
