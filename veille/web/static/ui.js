/* veille web UI, shared helpers: DOM building, API calls, French formatting, tooltip,
   error cards and names suggested while typing. The pages are in pages.js, article.js and
   flows.js; app.js routes. Everything from the API is inserted as text (never as HTML),
   except the tooltip, whose content is escaped first. */
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
const STATUS = { planned: "annoncé", reported: "rumeur" };  // reported: attributed rumour or conditional (FACTS.md)
const TYPE = { move: "Mouvement", position: "Poste", partnership: "Partenariat", amount: "Montant",
  market_share: "Part de marché" };
const MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];
const LONG_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
  "octobre", "novembre", "décembre"];
const SEASONS = { SP: "printemps", SU: "été", FA: "automne", WI: "hiver" };

/* The Monday of an ISO week, in French: (2013, 20) -> "13 mai 2013". */
function weekMonday(year, week) {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (week - 1) * 7 * 86400000);
  return `${monday.getUTCDate()} ${LONG_MONTHS[monday.getUTCMonth()]} ${monday.getUTCFullYear()}`;
}

/* A FACTS.md date in French: "2024-03" -> "mars 2024", "2024-Q2" -> "2e trimestre 2024",
   "2012-SU" -> "été 2012", "2013-W20" -> "semaine du 13 mai 2013". */
function fmtDate(value) {
  if (!value) return "date inconnue";
  const v = String(value).slice(0, 10);
  let m;
  if ((m = v.match(/^(\d{4})-(\d{2})-(\d{2})$/))) return `${+m[3]} ${MONTHS[+m[2] - 1]} ${m[1]}`;
  if ((m = v.match(/^(\d{4})-(\d{2})$/))) return `${MONTHS[+m[2] - 1]} ${m[1]}`;
  if ((m = v.match(/^(\d{4})-Q(\d)$/))) return `${m[2] === "1" ? "1er" : m[2] + "e"} trimestre ${m[1]}`;
  if ((m = v.match(/^(\d{4})-W(\d{2})$/))) return `semaine du ${weekMonday(+m[1], +m[2])}`;
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

/* POST a JSON body; errors come back in the API's one shape, as ApiError. */
async function apiPost(path, body) {
  const response = await fetch(new URL(path, location.origin), {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (answer && answer.error) || { status: response.status, message: response.statusText };
    throw new ApiError(error.status, error.message, error.detail);
  }
  return answer;
}
