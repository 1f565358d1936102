// The script of kg export's HTML page: it draws the subgraph in the JSON
// element #kg-data with Cytoscape.js and fills the panel. Every text from
// the data goes into the page with textContent, or as a Cytoscape label
// (drawn on a canvas), never as HTML; lookups by key use Map, so that no
// name can reach an object's prototype.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('kg-data').textContent);
  const nodes = data.nodes || [], edges = data.edges || [];
  const articles = data.articles || [], notes = data.notes || [];
  const nodeIndex = new Map(nodes.map((n, i) => [n.key, i]));
  const articleByID = new Map(articles.map(a => [a.id, a]));

  // el makes an element with a class and a text.
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function plural(n, word) { return n === 1 ? '1 ' + word : n + ' ' + word + 's'; }
  // isWeb reports whether a URL is http(s), the only kind the page links to.
  function isWeb(u) {
    if (typeof u !== 'string' || !/^https?:\/\//i.test(u)) return false;
    try {
      const p = new URL(u).protocol;
      return p === 'http:' || p === 'https:';
    } catch (e) {
      return false;
    }
  }
  function kv(label, value) {
    const p = el('div', 'kg-kv');
    p.append(el('b', '', label), document.createTextNode(String(value)));
    return p;
  }

  // The elements: ids are positions, so that keys need no escaping.
  const elements = [];
  // Nodes start on a spiral, so that the layout (which moves them from
  // there) draws the same graph the same way every time.
  nodes.forEach((n, i) => {
    const r = 30 * Math.sqrt(i), a = i * 2.39996;
    elements.push({ group: 'nodes', position: { x: r * Math.cos(a), y: r * Math.sin(a) }, data: {
      id: 'n' + i, idx: i, name: n.name, color: n.color, shape: n.shape,
      size: Math.round(Math.min(22 + 7 * Math.sqrt(n.mentions || 0), 80)),
    } });
  });
  // label is an edge's type, and "(alleged)" when no supporting article
  // asserts it (each reports it as an accusation or a suspicion).
  function label(e) { return e.alleged ? e.type + ' (alleged)' : e.type; }
  edges.forEach((e, i) => {
    const s = nodeIndex.get(e.source), t = nodeIndex.get(e.target);
    if (s === undefined || t === undefined) return; // the page notes these
    elements.push({ group: 'edges', classes: e.alleged ? 'kg-alleged' : '', data: {
      id: 'e' + i, idx: i, source: 'n' + s, target: 'n' + t, type: label(e),
      width: 1 + Math.min(e.articles || 0, 8) / 2,
    } });
  });

  const big = nodes.length > 400; // cose takes seconds past this on a small machine
  const container = document.getElementById('kg-graph');
  // The layout fills the view's shape, larger for larger graphs.
  const spread = Math.max(1, Math.sqrt(nodes.length / 25));
  const cy = cytoscape({
    container: container,
    elements: elements,
    minZoom: 0.01,
    maxZoom: 5,
    style: [
      { selector: 'node', style: {
        'background-color': 'data(color)', 'shape': 'data(shape)',
        'width': 'data(size)', 'height': 'data(size)',
        'border-width': 1, 'border-color': '#546e7a',
        'label': 'data(name)', 'font-size': 14, 'color': '#1c262b',
        'text-valign': 'bottom', 'text-margin-y': 4,
        'text-wrap': 'wrap', 'text-max-width': 150,
        'text-background-color': '#ffffff', 'text-background-opacity': 0.75,
        'text-background-padding': 1, 'min-zoomed-font-size': 6,
      } },
      { selector: 'edge', style: {
        'width': 'data(width)', 'curve-style': 'bezier',
        'line-color': '#9fb0b8', 'target-arrow-color': '#9fb0b8',
        'target-arrow-shape': 'triangle', 'arrow-scale': 1.1,
        'label': 'data(type)', 'font-size': 10, 'color': '#455a64',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff', 'text-background-opacity': 0.85,
        'text-background-padding': 1, 'min-zoomed-font-size': 7,
      } },
      { selector: 'edge.kg-alleged', style: {
        'line-style': 'dashed', 'line-dash-pattern': [7, 4],
        'line-color': '#c48a6a', 'target-arrow-color': '#c48a6a', 'color': '#8d4e2b', 'font-style': 'italic',
      } },
      { selector: 'node.kg-match', style: { 'border-width': 4, 'border-color': '#1f77b4' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#d62728' } },
      { selector: 'edge:selected', style: {
        'line-color': '#d62728', 'target-arrow-color': '#d62728', 'color': '#b71c1c', 'z-index': 10,
      } },
      { selector: '.kg-faded', style: { 'opacity': 0.35 } },
    ],
    layout: big
      ? { name: 'concentric', concentric: n => n.degree(), minNodeSpacing: 4, animate: false }
      : { name: 'cose', animate: false, nodeDimensionsIncludeLabels: true, idealEdgeLength: () => 60,
          nodeRepulsion: () => 300000, nodeOverlap: 20, padding: 20, randomize: false,
          boundingBox: { x1: 0, y1: 0, w: container.clientWidth * spread, h: container.clientHeight * spread } },
  });

  const panel = document.getElementById('kg-details');

  // focus fades all but these elements and their neighbours.
  function focus(eles) {
    cy.elements().removeClass('kg-faded');
    if (!eles) return;
    const keep = eles.union(eles.connectedNodes()).union(eles.filter('node').closedNeighborhood());
    cy.elements().not(keep).addClass('kg-faded');
  }
  function select(ele) {
    cy.elements().unselect();
    ele.select();
    focus(ele);
  }

  function nodeLink(i) {
    const b = el('button', 'kg-link', nodes[i].name);
    b.type = 'button';
    b.addEventListener('click', () => showNode(i, true));
    return b;
  }
  function edgeLink(i, text) {
    const b = el('button', 'kg-link', text);
    b.type = 'button';
    b.addEventListener('click', () => showEdge(i, true));
    return b;
  }
  // source describes an article: its title (a link when its URL is the
  // web's), path and date.
  function source(id) {
    const div = el('div', 'kg-source');
    const a = articleByID.get(id);
    if (!a) {
      div.append(el('span', '', 'article ' + id));
      return div;
    }
    const title = a.title || a.path || a.id;
    if (isWeb(a.url)) {
      const link = el('a', '', title);
      link.href = a.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      div.append(link);
    } else {
      div.append(el('span', '', title));
    }
    if (a.path) div.append(el('span', 'kg-path', a.path));
    if (a.published) div.append(el('span', '', a.published));
    return div;
  }

  function showOverview() {
    cy.elements().unselect();
    focus(null);
    panel.replaceChildren(
      el('h2', '', 'Overview'),
      kv('Nodes', nodes.length), kv('Relationships', edges.length), kv('Articles', articles.length),
      el('p', 'kg-hint', 'Click a node or a relationship to see its evidence and sources; drag to move, scroll to zoom.'));
  }

  function showNode(i, center) {
    const n = nodes[i];
    const ele = cy.getElementById('n' + i);
    select(ele);
    if (center) cy.stop(true, true).animate({ fit: { eles: ele.closedNeighborhood(), padding: 80 }, duration: 300 });
    const parts = [el('h2', '', n.name), kv('Type', n.type)];
    if (n.labels && n.labels.length > 1) parts.push(kv('Labels', n.labels.join(' › ')));
    if (n.aliases && n.aliases.length) parts.push(kv('Also called', n.aliases.join('; ')));
    parts.push(kv('Mentions', plural(n.mentions || 0, 'mention') + ' in ' + plural(n.articles || 0, 'article')));
    parts.push(kv('Key', n.key));
    const rels = el('ul');
    const sources = new Set();
    edges.forEach((e, j) => {
      if (e.source !== n.key && e.target !== n.key) return;
      (e.article_ids || []).forEach(id => sources.add(id));
      const li = el('li', 'kg-rel');
      const out = e.source === n.key;
      const other = nodeIndex.get(out ? e.target : e.source);
      li.append(document.createTextNode(out ? '→' : '←'), edgeLink(j, label(e)));
      li.lastChild.classList.add('kg-type');
      li.append(document.createTextNode(out ? ' ' : ' from '));
      if (other !== undefined) li.append(nodeLink(other));
      li.append(el('span', 'kg-count', ' (' + plural(e.articles || 0, 'article') + ')'));
      rels.append(li);
    });
    parts.push(el('h3', '', 'Relationships (' + rels.childElementCount + ')'), rels);
    if (sources.size) {
      const ul = el('ul');
      [...sources].sort().forEach(id => { const li = el('li'); li.append(source(id)); ul.append(li); });
      parts.push(el('h3', '', 'Source articles (' + sources.size + ')'), ul);
    }
    panel.replaceChildren(...parts);
  }

  function showEdge(i, center) {
    const e = edges[i];
    const ele = cy.getElementById('e' + i);
    if (ele.nonempty()) {
      select(ele);
      if (center) cy.stop(true, true).animate({ fit: { eles: ele.connectedNodes(), padding: 120 }, duration: 300 });
    }
    const s = nodeIndex.get(e.source), t = nodeIndex.get(e.target);
    const rel = el('div', 'kg-kv');
    rel.append(s !== undefined ? nodeLink(s) : el('span', '', e.source), el('span', 'kg-type', e.type),
      document.createTextNode('→ '), t !== undefined ? nodeLink(t) : el('span', '', e.target));
    const parts = [el('h2', '', label(e)), rel];
    if (e.alleged) {
      parts.push(el('p', 'kg-alleged-note', 'Alleged: no supporting article states this as a fact; ' +
        (e.articles === 1 ? 'it reports' : 'each reports') + ' it as an accusation or a suspicion.'));
    }
    parts.push(kv('Supported by', plural(e.articles || 0, 'article') + ', ' + plural(e.count || 0, 'sentence')));
    if (!e.alleged && (e.asserted_articles || 0) < (e.articles || 0)) {
      parts.push(kv('Asserted by', e.asserted_articles + ' of ' + plural(e.articles, 'article') + '; the others allege it'));
    }
    parts.push(kv('Confidence', (e.confidence || 0).toFixed(2)));
    if (e.first_seen) parts.push(kv('First seen', e.first_seen));
    if (e.last_seen) parts.push(kv('Last seen', e.last_seen));
    const ev = e.evidence || [];
    parts.push(el('h3', '', 'Evidence (' + ev.length + ')'));
    ev.forEach(x => {
      const alleged = x.assertion === 'alleged';
      const box = el('div', alleged ? 'kg-evidence kg-evidence-alleged' : 'kg-evidence');
      box.append(el('blockquote', '', x.text));
      if (alleged) box.append(el('span', 'kg-tag-alleged', 'alleged'));
      box.append(source(x.article));
      parts.push(box);
    });
    panel.replaceChildren(...parts);
  }

  cy.on('tap', 'node', ev => showNode(ev.target.data('idx'), false));
  cy.on('tap', 'edge', ev => showEdge(ev.target.data('idx'), false));
  cy.on('tap', ev => { if (ev.target === cy) showOverview(); });

  // Search: typing marks the nodes whose name, alias or key contains the
  // text; Enter (or picking a suggestion) selects the best match.
  const search = document.getElementById('kg-search');
  const found = document.getElementById('kg-found');
  const names = document.getElementById('kg-names');
  const seen = new Set();
  nodes.forEach(n => [n.name, ...(n.aliases || [])].forEach(s => {
    if (seen.has(s)) return;
    seen.add(s);
    const o = document.createElement('option');
    o.value = s;
    names.append(o);
  }));
  function texts(n) { return [n.name, n.key, ...(n.aliases || [])].map(s => String(s).toLowerCase()); }
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    const exact = [], start = [], part = [];
    nodes.forEach((n, i) => {
      const t = texts(n);
      if (t.some(s => s === q)) exact.push(i);
      else if (t.some(s => s.startsWith(q))) start.push(i);
      else if (t.some(s => s.includes(q))) part.push(i);
    });
    return exact.concat(start, part);
  }
  function mark() {
    const m = matches(search.value);
    cy.nodes().removeClass('kg-match');
    m.forEach(i => cy.getElementById('n' + i).addClass('kg-match'));
    found.textContent = search.value.trim() ? (m.length === 1 ? '1 match' : m.length ? m.length + ' matches' : 'no match') : '';
    return m;
  }
  // find selects the best node for a text; it reports whether there was one.
  function find(q) {
    search.value = q;
    const m = mark();
    if (!m.length) return false;
    showNode(m[0], true);
    return true;
  }
  search.addEventListener('input', () => {
    const m = mark();
    // A suggestion picked from the list is an exact name: go there.
    if (m.length && texts(nodes[m[0]]).includes(search.value.trim().toLowerCase()) && seen.has(search.value)) showNode(m[0], true);
  });
  search.addEventListener('keydown', ev => { if (ev.key === 'Enter') find(search.value); });

  // Legend: each type present, in its colour and its kind's shape.
  const types = new Map();
  nodes.forEach(n => {
    const t = types.get(n.type) || { color: n.color, shape: n.shape, count: 0 };
    t.count++;
    types.set(n.type, t);
  });
  const legend = document.getElementById('kg-legend-list');
  [...types.keys()].sort().forEach(name => {
    const t = types.get(name);
    const li = el('li');
    const sw = el('span', 'kg-swatch shape-' + t.shape);
    sw.style.backgroundColor = t.color;
    li.append(sw, el('span', '', name), el('span', 'kg-count', String(t.count)));
    legend.append(li);
  });
  const edgeTypes = new Set(edges.map(e => e.type));
  const alleged = edges.filter(e => e.alleged).length;
  if (alleged) {
    const stated = el('li');
    stated.append(el('span', 'kg-swatch-line'), el('span', '', 'stated as a fact by at least one article'),
      el('span', 'kg-count', String(edges.length - alleged)));
    const li = el('li', 'kg-legend-alleged');
    li.append(el('span', 'kg-swatch-line kg-dashed'), el('span', '', 'alleged: no article states it as a fact, only as an accusation or a suspicion'),
      el('span', 'kg-count', String(alleged)));
    legend.append(stated, li);
  }
  if (!types.size) legend.append(el('li', 'kg-hint', 'No nodes.'));
  else legend.append(el('li', 'kg-hint', 'Arrows point from subject to object, labelled with ' + plural(edgeTypes.size, 'relationship type') + '; node size grows with mentions, line width with supporting articles.'));

  const noteList = document.getElementById('kg-notes');
  notes.forEach(n => noteList.append(el('li', '', n)));
  document.getElementById('kg-summary').textContent =
    plural(nodes.length, 'node') + ', ' + plural(edges.length, 'relationship') + ', ' + plural(articles.length, 'article');
  showOverview();

  // For tests and the console.
  window.kg = { cy: cy, data: data, showNode: showNode, showEdge: showEdge, find: find };
})();
