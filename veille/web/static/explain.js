/* veille web UI: "Pourquoi ces faits ?" on the article page. Every fact the rules propose
   for the article, with the rules that proposed it, the model's probability, kept or not
   and why, the features that weighed most, and for a kept move or position its role and
   date candidates as the slot model ranks them. Fetched only when the panel is opened:
   the server extracts the article again for it (seconds, more the first time, when it
   loads the model). */
"use strict";

const EXPLAIN_COLUMNS = ["Fait", "Générateurs", "Probabilité", "Retenu", "Raison", "Traits les plus forts",
  "Rôle et date (modèle)"];
const SLOT_NAMES = { role: "rôle", date: "date" };
const FILLED_BY = {
  slot_model: "choisi par le modèle",
  plain_reading: "lecture simple de la phrase la plus probable",
  rules: "lecture des règles",
  rules_else_slot_model: "lecture des règles ; le modèle quand elles n'en lisent pas",
};

/* The closed panel; opening it asks the server once (again after an error). */
function explainPanel(articleId) {
  const body = h("div", { "data-testid": "explain-body" });
  const panel = h("details", { class: "card explain", "data-testid": "explain" },
    h("summary", { "data-testid": "explain-toggle" }, "Pourquoi ces faits ?"), body);
  panel.addEventListener("toggle", () => {
    if (panel.open && !["loading", "done"].includes(panel.dataset.state)) loadExplanation(articleId, panel, body);
  });
  return panel;
}

async function loadExplanation(articleId, panel, body) {
  panel.dataset.state = "loading";
  body.replaceChildren(h("p", { class: "loading", "data-testid": "explain-loading" },
    "Extraction en cours… (le premier appel charge le modèle, quelques secondes)"));
  try {
    const answer = await api(`/api/explain/${enc(articleId)}`);
    body.replaceChildren(...explanationContent(answer));
    panel.dataset.state = "done";
  } catch (error) {
    body.replaceChildren(errorCard(error instanceof ApiError ? error : { status: 0, message: String(error) }, "article"));
    panel.dataset.state = "error";  // closing and opening the panel asks again
  }
}

function explanationContent(answer) {
  const kept = answer.candidates.filter((c) => c.accepted).length;
  const intro = h("p", { class: "small muted", "data-testid": "explain-summary" },
    `${answer.candidates.length} proposition(s) des règles, ${kept} retenue(s). `,
    "L'extraction vient d'être refaite sur le texte enregistré ; les faits affichés ci-dessus ",
    `viennent de l'extracteur ${answer.stored_extractor_version}.`);
  if (!answer.candidates.length) return [intro, h("p", { class: "empty" }, "Les règles ne proposent aucun fait pour cet article.")];
  const table = h("table", { class: "data explain-table", "data-testid": "explain-table" },
    h("thead", {}, h("tr", {}, EXPLAIN_COLUMNS.map((title) => h("th", {}, title)))),
    h("tbody", {}, answer.candidates.map(candidateRow)));
  return [intro, h("div", { class: "table-wrap" }, table)];
}

function candidateRow(c) {
  return h("tr", { class: c.accepted ? "kept" : "dropped", "data-testid": "candidate" },
    h("td", {}, h("div", { "data-testid": "candidate-fact" }, candidateLabel(c.fact)),
      c.evidence ? h("div", { class: "small muted" }, `« ${c.evidence} »`) : null),
    h("td", { "data-testid": "candidate-generators" },
      c.generators.length ? c.generators.map((g) => h("code", { class: "generator" }, g)) : "—"),
    h("td", { class: "num", "data-testid": "candidate-probability" },
      c.probability === null ? "—" : c.probability.toFixed(3)),
    h("td", {}, h("span", { class: `badge ${c.accepted ? "kept" : "dropped"}`, "data-testid": "candidate-kept" },
      c.accepted ? "retenu" : "écarté")),
    h("td", { class: "small", "data-testid": "candidate-reason" }, c.reason),
    h("td", { class: "small", "data-testid": "candidate-features" }, c.strongest_features.length
      ? h("ul", { class: "features" }, c.strongest_features.map((f) => h("li", {},
        h("code", {}, f.feature), ` = ${Number(f.value).toLocaleString("fr-FR", { maximumFractionDigits: 3 })} `,
        h("span", { class: f.contribution >= 0 ? "up" : "down" },
          `(${f.contribution >= 0 ? "+" : "−"}${Math.abs(f.contribution).toFixed(2)})`))))
      : "—"),
    h("td", { class: "small", "data-testid": "candidate-slots" }, (c.slots || []).length
      ? h("ul", { class: "features" }, c.slots.map(slotLine))
      : "—"));
}

/* "rôle : directeur général (+1,93) · aucun (−2,67)", then what fills the slot. */
function slotLine(slot) {
  const options = slot.options.map((o) => `${o.value === null ? "aucun" : o.value} `
    + `(${o.score >= 0 ? "+" : "−"}${Math.abs(o.score).toFixed(2).replace(".", ",")})`);
  return h("li", { "data-testid": "candidate-slot" },
    h("strong", {}, `${SLOT_NAMES[slot.slot] || slot.slot} : `), options.join(" · ") || "—",
    h("div", { class: "muted" }, FILLED_BY[slot.filled_by] || slot.filled_by));
}

/* One line for a candidate's fields (the keys explain gives: type, person, change, org,
   orgs, role, value, currency, date, status). */
function candidateLabel(x) {
  const type = TYPE[x.type] || x.type;
  const at = x.org ? ` · ${x.org}` : "";
  const role = x.role ? ` — ${x.role}` : "";
  const when = x.date ? ` · ${fmtDate(x.date)}` : "";
  const status = x.status && STATUS[x.status] ? ` (${STATUS[x.status]})` : "";
  if (x.type === "move") return `${type} (${x.change === "start" ? "arrivée" : "départ"}) : ${x.person || "?"}${role}${at}${when}${status}`;
  if (x.type === "position") return `${type} : ${x.person || "?"}${role}${at}`;
  if (x.type === "partnership") return `${type} : ${(x.orgs || []).join(" + ")}${status}`;
  if (x.type === "amount") return `${type} : ${fmtMoney(x.value, x.currency)}${at}${when}`;
  if (x.type === "market_share") return `${type} : ${(100 * (x.value || 0)).toFixed(1)} %${at}`;
  return type;
}
