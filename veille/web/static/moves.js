/* veille web UI: the home page, the latest moves (filters, one row per event with all its
   sources, the CSV of what is shown). */
"use strict";

const MOVE_FILTERS = ["since", "until", "org", "person", "role", "status", "min_confidence", "watch"];
const MOVES_PAGE = 50;

function moveFilterForm(filters, base) {
  const field = (name, label, placeholder) => h("label", {}, label,
    h("input", { name, value: filters[name] || "", placeholder, "data-testid": `filter-${name}` }));
  const form = h("form", { class: "filters", "data-testid": "move-filters", onsubmit: (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const k of MOVE_FILTERS) if (form[k] && form[k].value.trim()) q.set(k, form[k].value.trim());
    go(`${base}?${q}`);
  } },
  field("since", "Depuis", "2024 ou 2024-05"),
  field("until", "Jusqu'à", "2024-12"),
  field("org", "Organisation", "toutes"),
  field("person", "Personne", "toutes"),
  field("role", "Rôle", "ceo, financier…"),
  h("label", {}, "Statut", h("select", { name: "status", "data-testid": "filter-status" },
    [["", "tous"], ["done", "fait"], ["planned", "annoncé"], ["reported", "rumeur"]].map(([v, l]) =>
      h("option", { value: v, selected: filters.status === v }, l)))),
  h("label", {}, "Confiance min.", h("select", { name: "min_confidence", "data-testid": "filter-min_confidence" },
    [["", "toute"], ["0.5", "50 %"], ["0.7", "70 %"], ["0.9", "90 %"]].map(([v, l]) =>
      h("option", { value: v, selected: filters.min_confidence === v }, l)))),
  filters.watch ? h("input", { type: "hidden", name: "watch", value: filters.watch }) : null,
  h("button", { class: "btn", type: "submit" }, "Filtrer"),
  MOVE_FILTERS.some((k) => filters[k]) ? h("a", { href: base, class: "small" }, "effacer") : null);
  return form;
}

/* A fact's date as a page shows it: its own date, readable, or that the text gives none. */
function shownDate(date, reported) {
  if (date) return fmtDate(date);
  return reported ? `date non précisée (rapporté le ${fmtDate(reported)})` : "date non précisée";
}

function checkedBadge(item) {
  if (!item.checked) return null;
  return h("span", { class: "badge checked", "data-testid": "checked" }, item.checked === "edited" ? "corrigé" : "vérifié");
}

function moveRow(m) {
  const articles = [...new Map(m.sources.map((s) => [s.article_id, s])).values()];
  return h("tr", { "data-testid": "move-row" },
    h("td", { class: "small" }, fmtDate(m.reported)),
    h("td", { class: m.date ? "" : "muted small", "data-testid": "move-date" }, shownDate(m.date, m.reported)),
    h("td", {}, h("span", { class: `kind ${m.change}` }, KIND[m.change])),
    h("td", {}, m.person_id ? h("a", { href: personHref(m.person_id) }, m.person) : m.person),
    h("td", {}, m.org_id ? h("a", { href: orgHref(m.org_id) }, m.org) : (m.org || h("span", { class: "muted" }, "non précisée"))),
    h("td", { class: "small" }, m.role || ""),
    h("td", {}, statusBadges(m), checkedBadge(m)),
    h("td", { class: "small" }, `${Math.round(100 * m.confidence)} %`),
    h("td", { class: "small", "data-testid": "move-sources" }, articles.map((s, i) => [i ? ", " : "",
      h("a", { href: articleHref(s.article_id, s.fact_id), title: s.quote }, s.title || s.article_id)])));
}

async function movesPage(params) {
  const filters = {};
  for (const k of MOVE_FILTERS) filters[k] = params.get(k) || "";
  const offset = Number(params.get("offset") || 0);
  const form = moveFilterForm(filters, "#/");
  let data;
  try {
    data = await api("/api/moves", { ...filters, limit: MOVES_PAGE, offset });
  } catch (error) {
    if (error.status === 404 || error.status === 422) {
      setPage("Derniers mouvements", h("h1", {}, "Derniers mouvements"), form,
        errorCard(error, filters.person && !filters.org ? "person" : "org"));
      return;
    }
    throw error;
  }
  const query = new URLSearchParams();
  for (const k of MOVE_FILTERS) if (filters[k]) query.set(k, filters[k]);
  const csv = new URLSearchParams(query);
  csv.set("limit", String(MOVES_PAGE));
  csv.set("offset", String(offset));
  const pageLink = (to) => { const q = new URLSearchParams(query); q.set("offset", String(to)); return `#/?${q}`; };
  setPage("", h("h1", {}, "Derniers mouvements"),
    h("p", { class: "kicker" }, "Arrivées et départs, un par événement (avec tous les articles qui le rapportent), " +
      "les derniers signalés d'abord."),
    form,
    h("div", { class: "card" },
      h("div", { class: "step-head" }, h("h3", { "data-testid": "moves-total" }, `${data.total} mouvement(s)`),
        h("a", { class: "btn secondary small", href: `/api/moves.csv?${csv}`, download: "mouvements.csv",
          "data-testid": "moves-csv" }, "Télécharger en CSV"),
        h("a", { class: "small", href: `/feeds/moves.atom${query.toString() ? "?" + query : ""}`, "data-testid": "moves-atom" }, "Flux Atom")),
      data.moves.length ? h("table", { class: "data" },
        h("thead", {}, h("tr", {}, ["Signalé le", "Date", "Mouvement", "Personne", "Organisation", "Rôle", "Statut",
          "Confiance", "Sources"].map((c) => h("th", {}, c)))),
        h("tbody", {}, data.moves.map(moveRow)))
        : h("p", { class: "empty" }, "Aucun mouvement pour ces critères."),
      data.total > data.limit ? h("div", { class: "pager small" },
        offset > 0 ? h("a", { href: pageLink(Math.max(0, offset - MOVES_PAGE)) }, "← précédents") : null,
        h("span", { class: "muted" }, `${offset + 1}–${Math.min(offset + MOVES_PAGE, data.total)} sur ${data.total}`),
        offset + MOVES_PAGE < data.total ? h("a", { href: pageLink(offset + MOVES_PAGE) }, "suivants →") : null) : null));
}

/* "Suivre" on a person's or an organisation's page: adds it to the default watch list, whose
   new moves reach the Atom feed and `veille digest`. */
function followBox(entity, type) {
  const feed = `/feeds/moves.atom?${type === "org" ? "org" : "person"}=${enc(entity.id)}`;
  const state = h("span", { class: "small muted", "data-testid": "follow-state" });
  const button = h("button", { class: "btn secondary small", type: "button", "data-testid": "follow" }, "Suivre");
  const show = (followed) => {
    button.textContent = followed ? "Ne plus suivre" : "Suivre";
    button.dataset.followed = followed ? "1" : "";
    state.textContent = followed ? "Suivi (liste « default »)" : "";
  };
  button.addEventListener("click", async () => {
    try {
      if (button.dataset.followed) await fetch(`/api/watch/${enc(entity.id)}`, { method: "DELETE" }).then((r) => { if (!r.ok) throw new Error(r.statusText); });
      else await apiPost("/api/watch", { name: entity.id, type });
      show(!button.dataset.followed);
    } catch (error) { state.textContent = `Erreur : ${error.message}`; }
  });
  api("/api/watch", { list: "default" }).then((items) => show(items.some((w) => w.entity_id === entity.id))).catch(() => show(false));
  return h("p", { class: "follow" }, button, " ", state, " ",
    h("a", { class: "small", href: feed, "data-testid": "entity-atom" }, "Flux Atom de ses mouvements"));
}
