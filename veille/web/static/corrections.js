/* veille web UI: an analyst's corrections (confirm, reject, edit a fact) and the review
   page, facts to check least confident first. */
"use strict";

const EDIT_FIELDS = {
  move: [["person", "Personne"], ["org", "Organisation"], ["role", "Rôle"], ["date", "Date (2024-05, 2012-SU…)"],
    ["status", "Statut"], ["change", "Mouvement"]],
  position: [["person", "Personne"], ["org", "Organisation"], ["role", "Rôle"], ["since", "Depuis"], ["until", "Jusqu'à"]],
};
const ACTION_LABEL = { confirm: "vérifié", reject: "rejeté", edit: "corrigé" };

function author() { return localStorage.getItem("veille-author") || "analyste"; }

/* What a correction in force says: who, when, and for an edit, before → after. */
function correctionLine(c) {
  if (!c) return null;
  const when = fmtDate(String(c.created_at).slice(0, 10));
  const changes = Object.keys(c.after || {}).map((k) =>
    `${k} : ${c.before[k] === null || c.before[k] === undefined ? "—" : c.before[k]} → ${c.after[k] === null ? "—" : c.after[k]}`);
  return h("div", { class: `correction ${c.action}`, "data-testid": "correction" },
    h("span", { class: `badge ${c.action === "reject" ? "rejected" : "checked"}` }, ACTION_LABEL[c.action]),
    ` par ${c.author}, le ${when}`, changes.length ? ` (${changes.join(" ; ")})` : "", c.note ? ` — « ${c.note} »` : "");
}

/* Confirm / reject / edit buttons for one fact; `done` runs once the correction is stored. */
function correctionControls(factId, type, values, done) {
  const status = h("span", { class: "small muted", role: "status" });
  const send = async (body) => {
    status.textContent = "Enregistrement…";
    try {
      await apiPost(`/api/facts/${factId}/corrections`, { author: author(), ...body });
      status.textContent = "Enregistré.";
      done();
    } catch (error) {
      status.textContent = `Erreur : ${error.message}`;
      status.className = "small error-text";
    }
  };
  const fields = EDIT_FIELDS[type] || [];
  const form = h("form", { class: "edit-fact", hidden: true, "data-testid": "edit-form", onsubmit: (e) => {
    e.preventDefault();
    const changed = {};
    for (const [name] of fields) {
      const value = form[name].value.trim();
      const before = values[name] === null || values[name] === undefined ? "" : String(values[name]);
      if (value !== before) changed[name] = value || null;
    }
    if (!Object.keys(changed).length) { status.textContent = "Rien à changer."; return; }
    send({ action: "edit", fields: changed, note: form.note.value.trim() || null });
  } },
  fields.map(([name, label]) => {
    const value = values[name] === null || values[name] === undefined ? "" : String(values[name]);
    if (name === "status") return h("label", {}, label, h("select", { name, "data-testid": `edit-${name}` },
      [["done", "fait"], ["planned", "annoncé"], ["reported", "rumeur"]].map(([v, l]) => h("option", { value: v, selected: value === v }, l))));
    if (name === "change") return h("label", {}, label, h("select", { name, "data-testid": `edit-${name}` },
      [["start", "arrivée"], ["end", "départ"]].map(([v, l]) => h("option", { value: v, selected: value === v }, l))));
    return h("label", {}, label, h("input", { name, value, "data-testid": `edit-${name}` }));
  }),
  h("label", {}, "Note", h("input", { name: "note", "data-testid": "edit-note" })),
  h("button", { class: "btn", type: "submit", "data-testid": "edit-save" }, "Enregistrer"));
  return h("div", { class: "correct", "data-testid": "correct" },
    h("button", { class: "btn secondary small", type: "button", "data-testid": "confirm", onclick: () => send({ action: "confirm" }) }, "Confirmer"),
    h("button", { class: "btn secondary small", type: "button", "data-testid": "reject", onclick: () => send({ action: "reject" }) }, "Rejeter"),
    fields.length ? h("button", { class: "btn secondary small", type: "button", "data-testid": "edit",
      onclick: () => { form.hidden = !form.hidden; } }, "Modifier") : null,
    status, form);
}

async function reviewPage(params) {
  const offset = Number(params.get("offset") || 0);
  const queue = await api("/api/review", { limit: 20, offset });
  const who = h("input", { value: author(), "data-testid": "author", "aria-label": "Votre nom",
    onchange: (e) => localStorage.setItem("veille-author", e.target.value.trim() || "analyste") });
  setPage("À vérifier", h("h1", {}, "Faits à vérifier"),
    h("p", { class: "kicker" }, `${queue.total} mouvement(s) et poste(s) que personne n'a encore vérifiés, les moins sûrs d'abord. ` +
      "Une correction est gardée à part des faits extraits : elle survit à une nouvelle extraction, et `veille export-corrections` en fait des données de référence."),
    h("p", { class: "small" }, h("label", {}, "Votre nom : ", who)),
    queue.facts.length ? h("ul", { class: "list review" }, queue.facts.map((f) => {
      const x = f.fields;
      return h("li", { class: "card", "data-testid": "review-item" },
        h("div", {}, h("strong", {}, TYPE[f.type]), f.type === "move" ? ` (${KIND[x.change] || x.change})` : "", " · ",
          x.person, x.role ? ` — ${x.role}` : "", x.org ? ` · ${x.org}` : "", " · ",
          f.type === "move" ? shownDate(x.date, f.published) : fmtDate(x.since), " ", statusBadges(x),
          h("span", { class: "muted small" }, ` · confiance ${Math.round(100 * f.confidence)} %`)),
        h("div", { class: "snippet" }, "« ", f.quote, " » ",
          h("a", { class: "small", href: articleHref(f.article_id, f.fact_id) }, f.title || f.article_id)),
        correctionControls(f.fact_id, f.type, x, () => route()));
    })) : h("p", { class: "empty card" }, "Rien à vérifier."),
    queue.total > 20 ? h("div", { class: "pager small" },
      offset > 0 ? h("a", { href: `#/review?offset=${Math.max(0, offset - 20)}` }, "← précédents") : null,
      offset + 20 < queue.total ? h("a", { href: `#/review?offset=${offset + 20}` }, "suivants →") : null) : null);
}
