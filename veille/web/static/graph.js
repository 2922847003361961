/* Talent-flow graph: organisations as nodes, "left A for B" as arrows, drawn in SVG.
   A small deterministic force layout (same input, same picture): nodes start on a circle,
   repel each other, edges pull their ends together, a weak pull keeps them centred. */
"use strict";

const VeilleGraph = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  const MAX_NODES = 80;

  function el(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }

  /* flows -> {nodes, edges}; keeps the MAX_NODES best-connected organisations. */
  function build(flows) {
    const nodes = new Map();
    const edges = new Map();
    const node = (id, name) => {
      if (!nodes.has(id)) nodes.set(id, { id, name, in: 0, out: 0, degree: 0 });
      return nodes.get(id);
    };
    for (const f of flows) {
      if (!f.from_org_id || !f.to_org_id) continue;
      node(f.from_org_id, f.from_org).out += 1;
      node(f.to_org_id, f.to_org).in += 1;
      const key = f.from_org_id + "\u0000" + f.to_org_id;
      if (!edges.has(key)) edges.set(key, { source: f.from_org_id, target: f.to_org_id, people: [] });
      edges.get(key).people.push(f.person);
    }
    for (const n of nodes.values()) n.degree = n.in + n.out;
    const kept = [...nodes.values()].sort((a, b) => b.degree - a.degree || a.name.localeCompare(b.name))
      .slice(0, MAX_NODES);
    const keep = new Set(kept.map((n) => n.id));
    const keptEdges = [...edges.values()].filter((e) => keep.has(e.source) && keep.has(e.target));
    return { nodes: kept, edges: keptEdges, hidden: nodes.size - kept.length };
  }

  function layout(nodes, edges, width, height) {
    const n = nodes.length;
    const index = new Map(nodes.map((d, i) => [d.id, i]));
    const radius = Math.min(width, height) * 0.35;
    nodes.forEach((d, i) => {
      const a = (2 * Math.PI * i) / Math.max(n, 1);
      d.x = width / 2 + radius * Math.cos(a);
      d.y = height / 2 + radius * Math.sin(a);
    });
    if (n < 2) return;
    const ideal = Math.min(220, Math.sqrt((width * height) / n) * 0.6);
    let temperature = width / 8;
    for (let step = 0; step < 300; step++) {
      const dx = new Float64Array(n);
      const dy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let x = nodes[i].x - nodes[j].x;
          let y = nodes[i].y - nodes[j].y;
          let dist = Math.hypot(x, y);
          if (dist < 0.01) { x = 0.01 * (i - j); y = 0.01; dist = Math.hypot(x, y); }
          const force = (ideal * ideal) / dist;
          dx[i] += (x / dist) * force; dy[i] += (y / dist) * force;
          dx[j] -= (x / dist) * force; dy[j] -= (y / dist) * force;
        }
      }
      for (const e of edges) {
        const i = index.get(e.source);
        const j = index.get(e.target);
        if (i === j) continue;
        const x = nodes[i].x - nodes[j].x;
        const y = nodes[i].y - nodes[j].y;
        const dist = Math.max(Math.hypot(x, y), 0.01);
        // A spring with rest length `ideal`: linked organisations stay apart enough to
        // read both labels and the arrow between them.
        const force = (dist - ideal) * 0.6;
        dx[i] -= (x / dist) * force; dy[i] -= (y / dist) * force;
        dx[j] += (x / dist) * force; dy[j] += (y / dist) * force;
      }
      for (let i = 0; i < n; i++) {
        dx[i] += (width / 2 - nodes[i].x) * 0.15;
        dy[i] += (height / 2 - nodes[i].y) * 0.15;
        const len = Math.max(Math.hypot(dx[i], dy[i]), 0.01);
        nodes[i].x += (dx[i] / len) * Math.min(len, temperature);
        nodes[i].y += (dy[i] / len) * Math.min(len, temperature);
      }
      temperature *= 0.985;
    }
    // Fit into the box, leaving room for labels.
    const xs = nodes.map((d) => d.x);
    const ys = nodes.map((d) => d.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const pad = 70;
    const sx = (width - 2 * pad) / Math.max(x1 - x0, 1);
    const sy = (height - 2 * pad) / Math.max(y1 - y0, 1);
    // Each axis may stretch up to 1.8 times the other, to use a wide box.
    const fx = Math.min(sx, 1.8 * sy);
    const fy = Math.min(sy, 1.8 * sx);
    const ox = (width - fx * (x1 - x0)) / 2;
    const oy = (height - fy * (y1 - y0)) / 2;
    for (const d of nodes) { d.x = ox + (d.x - x0) * fx; d.y = oy + (d.y - y0) * fy; }
  }

  function nodeRadius(d) { return 6 + 3 * Math.sqrt(d.degree); }

  /* Draws into `svg` (an <svg> element). options: onNode(id, name), tooltip(html|null, event). */
  function render(svg, flows, options) {
    const width = 1000;
    const height = 560;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const { nodes, edges, hidden } = build(flows);
    layout(nodes, edges, width, height);
    const byId = new Map(nodes.map((d) => [d.id, d]));
    const defs = el("defs");
    const marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "9", refY: "5",
      markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
    marker.appendChild(el("path", { d: "M0,0 L10,5 L0,10 z", fill: "#7b879c" }));
    defs.appendChild(marker);
    svg.appendChild(defs);
    const edgeLayer = el("g");
    const nodeLayer = el("g");
    svg.appendChild(edgeLayer);
    svg.appendChild(nodeLayer);
    const edgeEls = [];
    for (const e of edges) {
      const a = byId.get(e.source);
      const b = byId.get(e.target);
      const mx = (a.x + b.x) / 2;
      const my = (a.y + b.y) / 2;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len = Math.max(Math.hypot(dx, dy), 1);
      // Bend to the left of the direction: A->B and B->A never overlap.
      const cx = mx - (dy / len) * len * 0.15;
      const cy = my + (dx / len) * len * 0.15;
      const back = Math.hypot(b.x - cx, b.y - cy) || 1;
      const rb = nodeRadius(b) + 3;
      const ex = b.x - ((b.x - cx) / back) * rb;
      const ey = b.y - ((b.y - cy) / back) * rb;
      const path = el("path", { class: "edge", d: `M${a.x},${a.y} Q${cx},${cy} ${ex},${ey}`,
        "stroke-width": String(1.2 + 1.4 * Math.sqrt(e.people.length)), "marker-end": "url(#arrow)" });
      path.dataset.source = e.source;
      path.dataset.target = e.target;
      path.addEventListener("mousemove", (ev) => options.tooltip(
        `<b>${esc(a.name)} → ${esc(b.name)}</b><div class="row">${e.people.map(esc).join("<br>")}</div>`, ev));
      path.addEventListener("mouseleave", () => options.tooltip(null));
      edgeLayer.appendChild(path);
      edgeEls.push(path);
    }
    for (const d of nodes) {
      const g = el("g", { class: "node", transform: `translate(${d.x},${d.y})`, tabindex: "0",
        role: "link", "aria-label": d.name });
      g.dataset.id = d.id;
      g.dataset.name = d.name;
      g.appendChild(el("circle", { r: String(nodeRadius(d)) }));
      const label = el("text", { y: String(nodeRadius(d) + 14), "text-anchor": "middle" });
      label.textContent = d.name;
      g.appendChild(label);
      const focus = (on) => {
        for (const p of edgeEls) {
          const touches = p.dataset.source === d.id || p.dataset.target === d.id;
          p.classList.toggle("hot", on && touches);
          p.classList.toggle("dim", on && !touches);
        }
      };
      g.addEventListener("mouseenter", () => focus(true));
      g.addEventListener("mousemove", (ev) => options.tooltip(
        `<b>${esc(d.name)}</b><div class="row">${d.in} arrivée(s) venues d'ailleurs, ` +
        `${d.out} départ(s) vers ailleurs</div><div class="row">Cliquer pour ouvrir la fiche</div>`, ev));
      g.addEventListener("mouseleave", () => { focus(false); options.tooltip(null); });
      g.addEventListener("click", () => options.onNode(d.id, d.name));
      g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") options.onNode(d.id, d.name); });
      nodeLayer.appendChild(g);
    }
    return { nodes: nodes.length, edges: edges.length, hidden };
  }

  function esc(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;",
      '"': "&quot;", "'": "&#39;" })[c]);
  }

  return { render, build, layout };
})();
