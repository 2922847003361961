/* veille web UI: the talent-flow page (filters, graph drawn by graph.js, table). */
"use strict";

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
