/* veille web UI: a small single-page app over the REST API (/api). No framework, no build
   step. Pages are hash routes (#/person/<id>) so links can be shared and the back button
   works. This file routes; ui.js, moves.js, pages.js, article.js and flows.js draw. */
"use strict";

/* ---------- routing ---------- */

function go(hash) { if (location.hash === hash) route(); else location.hash = hash; }

const ROUTES = [
  [/^#\/?$/, (m, p) => movesPage(p), "org"],
  [/^#\/apercu$/, () => homePage()],
  [/^#\/search$/, (m, p) => searchPage(p)],
  [/^#\/person\/(.+)$/, (m) => personPage(decodeURIComponent(m[1])), "person"],
  [/^#\/org\/(.+)$/, (m) => orgPage(decodeURIComponent(m[1])), "org"],
  [/^#\/article\/(.+)$/, (m, p) => articlePage(decodeURIComponent(m[1]), p), "article"],
  [/^#\/articles$/, (m, p) => articlesPage(p)],
  [/^#\/flows$/, (m, p) => flowsPage(p)],
  [/^#\/review$/, (m, p) => reviewPage(p)],
];

async function route() {
  const [path, query] = (location.hash || "#/").split("?");
  const params = new URLSearchParams(query || "");
  if (path !== "#/search") document.getElementById("topsearch-input").value = "";
  document.querySelectorAll("nav a[data-nav]").forEach((a) => a.classList.toggle("active",
    a.dataset.nav ? path.startsWith(`#/${a.dataset.nav}`) : path === "#/" || path === "#"));
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
