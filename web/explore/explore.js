/*
 * The visual explorer (GET /explore): plain JavaScript on Cytoscape.js, served as it is. It talks
 * only to the public GraphQL API of this server (POST, application/json), with its endpoint from
 * the page's JSON configuration block: the page runs no inline script.
 *
 * Colours: a node's shape says its type, its colour its side where known. An actor's side is its
 * `side` (the state it belongs to through memberOf); a claim takes its claimant's side; a claim
 * made by a source in its own voice, an independent actor, a place, an event and a source are
 * "neither". Places, events and sources keep the colour of their type.
 *
 * The page keeps `data-node-count` and `data-edge-count` on #cy current (the elements drawn, not
 * hidden by the date slider) and `data-busy` true while a request is out, for tests and tools.
 */
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('explore-config').textContent);
  var SIDES = { 'actor:russia': 'russia', 'actor:ukraine': 'ukraine' };
  var COLOURS = { russia: '#d9534f', ukraine: '#3b7dd8', neither: '#9aa3b2', Place: '#7fb77e', Event: '#e3b448', Source: '#a78bcc' };
  var SHAPES = { Claim: 'ellipse', Actor: 'round-rectangle', Place: 'triangle', Event: 'diamond', Source: 'rectangle' };

  // What every drawn node needs: its type, a label, its side and, for claims, when they were stated.
  var NODE_FIELDS =
    '__typename id ' +
    '... on Claim { statement statedAt { earliest } claimant { __typename ... on Actor { side { id } } } } ' +
    '... on Actor { name side { id } } ... on Place { name } ... on Event { name } ... on Source { title }';
  var EDGE_FIELDS = 'id type source target kind explanation';
  var SUBGRAPH_FIELDS = 'nodes { ' + NODE_FIELDS + ' } edges { ' + EDGE_FIELDS + ' } truncated';

  var SEARCH = 'query Search($text: String!) { search(text: $text, first: 25) { totalCount nodes { node { ' + NODE_FIELDS + ' } } } }';
  var NEIGHBOURHOOD =
    'query Expand($id: String!) { neighbourhood(of: [$id], depth: 1, limit: 100) { ' + SUBGRAPH_FIELDS + ' } }';
  var PATHS =
    'query Paths($from: String!, $to: String!) { paths(from: $from, to: $to, first: 3) { ' +
    'nodes { ' + NODE_FIELDS + ' } edges { ' + EDGE_FIELDS + ' } } }';
  // A linked claim as the panel shows it: who made it, what it says, the words it rests on, where.
  var LINK_FIELDS = 'kind explanation direction claim { id statement quote claimant { name } source { title } }';
  var CLAIM =
    'query Claim($id: ID!) { claim(id: $id) { id statement quote stance statedAt { value } ' +
    'claimant { name } source { title } ' +
    'contradictions { ' + LINK_FIELDS + ' } corroborations { ' + LINK_FIELDS + ' } } }';
  // Every operation the page sends: window.explorer.queries lists them, and test/api/cost.test.ts
  // checks that each keeps within the default cost limit (MAX_COST).
  var QUERIES = { search: SEARCH, expand: NEIGHBOURHOOD, paths: PATHS, claim: CLAIM };

  var container = document.getElementById('cy');
  var statusEl = document.getElementById('status');
  var details = document.getElementById('details');
  var slider = document.getElementById('date-slider');
  var dateValue = document.getElementById('date-value');

  var cy = cytoscape({
    container: container,
    wheelSensitivity: 0.3,
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(short)',
          'font-size': 9,
          'text-wrap': 'wrap',
          'text-max-width': 120,
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'background-color': 'data(colour)',
          shape: 'data(shape)',
          width: 24,
          height: 24,
          'border-width': 1,
          'border-color': '#444',
        },
      },
      // Claims are many and their statements long: a shorter label, greyer, so places and actors stand out.
      { selector: 'node[type = "Claim"]', style: { width: 18, height: 18, label: 'data(brief)', 'font-size': 8, color: '#555', 'text-max-width': 100 } },
      { selector: 'node[type = "Claim"]:selected', style: { label: 'data(short)', color: '#000', 'font-size': 9, 'z-index': 10 } },
      { selector: 'node.expanded', style: { 'border-width': 3 } },
      { selector: 'node:selected', style: { 'border-color': '#f0a000', 'border-width': 4 } },
      { selector: 'edge', style: { width: 1.2, 'line-color': '#b8bec9', 'target-arrow-color': '#b8bec9', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.7, 'curve-style': 'bezier' } },
      { selector: 'edge[type = "CONTRADICTS"]', style: { width: 3, 'line-color': '#d62728', 'target-arrow-color': '#d62728' } },
      { selector: 'edge[type = "CORROBORATES"]', style: { width: 3, 'line-color': '#2ca02c', 'target-arrow-color': '#2ca02c' } },
      { selector: '.path', style: { 'overlay-color': '#f0a000', 'overlay-opacity': 0.25, 'overlay-padding': 4 } },
      { selector: '.hidden', style: { display: 'none' } },
    ],
  });
  window.cy = cy;

  var pending = 0;
  function busy(delta) {
    pending += delta;
    container.setAttribute('data-busy', String(pending > 0));
  }

  function setStatus(text, isError) {
    statusEl.textContent = text;
    statusEl.className = isError ? 'error' : '';
  }

  /** One GraphQL request; rejects with the first error's message. */
  function graphql(query, variables) {
    busy(1);
    return fetch(config.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: query, variables: variables }),
    })
      .then(function (res) {
        return res.json();
      })
      .then(function (body) {
        if (body.errors && body.errors.length) throw new Error(body.errors[0].message);
        return body.data;
      })
      .finally(function () {
        busy(-1);
      });
  }

  function sideOf(node) {
    var side = null;
    if (node.__typename === 'Actor') side = node.side;
    if (node.__typename === 'Claim' && node.claimant && node.claimant.__typename === 'Actor') side = node.claimant.side;
    return (side && SIDES[side.id]) || 'neither';
  }

  function nodeData(node) {
    var label = node.name || node.title || node.statement || node.id;
    var side = sideOf(node);
    var colour = COLOURS[node.__typename] || COLOURS[side];
    return {
      id: node.id,
      type: node.__typename,
      label: label,
      short: label.length > 60 ? label.slice(0, 57) + '...' : label,
      brief: label.length > 34 ? label.slice(0, 32) + '...' : label,
      side: side,
      colour: colour,
      shape: SHAPES[node.__typename] || 'ellipse',
      stated: node.statedAt ? node.statedAt.earliest : '',
    };
  }

  /** Adds the nodes and edges not drawn yet (by id), near `near` if given; returns what was added. */
  function merge(nodes, edges, near) {
    var added = cy.collection();
    var at = near ? near.position() : { x: cy.width() / 2, y: cy.height() / 2 };
    nodes.forEach(function (node, i) {
      if (cy.getElementById(node.id).nonempty()) return;
      var angle = (2 * Math.PI * i) / Math.max(nodes.length, 1);
      added = added.union(
        cy.add({ group: 'nodes', data: nodeData(node), position: { x: at.x + 120 * Math.cos(angle), y: at.y + 120 * Math.sin(angle) } }),
      );
    });
    (edges || []).forEach(function (edge) {
      if (cy.getElementById(edge.id).nonempty()) return;
      if (cy.getElementById(edge.source).empty() || cy.getElementById(edge.target).empty()) return;
      added = added.union(
        cy.add({
          group: 'edges',
          data: { id: edge.id, source: edge.source, target: edge.target, type: edge.type, kind: edge.kind || '', explanation: edge.explanation || '' },
        }),
      );
    });
    return added;
  }

  function layout() {
    var l = cy.layout({ name: 'cose', animate: false, randomize: false, fit: true, padding: 30, nodeRepulsion: 40000, idealEdgeLength: 110, nodeOverlap: 40, componentSpacing: 80 });
    l.run();
  }

  function afterChange() {
    updateSlider();
    applyDateFilter();
  }

  function count() {
    var nodes = cy.nodes().not('.hidden');
    container.setAttribute('data-node-count', String(nodes.length));
    container.setAttribute('data-edge-count', String(cy.edges().not('.hidden').filter(function (e) {
      return !e.source().hasClass('hidden') && !e.target().hasClass('hidden');
    }).length));
  }

  function search(text) {
    setStatus('Searching for "' + text + '"...');
    return graphql(SEARCH, { text: text })
      .then(function (data) {
        var hits = data.search ? data.search.nodes.map(function (h) { return h.node; }) : [];
        var added = merge(hits, []);
        layout();
        afterChange();
        setStatus(hits.length + ' of ' + (data.search ? data.search.totalCount : 0) + ' matches for "' + text + '" (' + added.nodes().length + ' new). Double-click a node to expand it.');
      })
      .catch(function (error) {
        setStatus('Search failed: ' + error.message, true);
      });
  }

  function expand(id) {
    var node = cy.getElementById(id);
    setStatus('Expanding ' + (node.data('label') || id) + '...');
    return graphql(NEIGHBOURHOOD, { id: id })
      .then(function (data) {
        var sub = data.neighbourhood;
        if (!sub) return setStatus('Nothing found for ' + id + '.', true);
        var added = merge(sub.nodes, sub.edges, node.nonempty() ? node : null);
        cy.getElementById(id).addClass('expanded');
        layout();
        afterChange();
        setStatus('Expanded ' + (cy.getElementById(id).data('label') || id) + ': ' + added.nodes().length + ' new nodes, ' + added.edges().length + ' new links' + (sub.truncated ? ' (truncated: the nearest 100 shown)' : '') + '.');
      })
      .catch(function (error) {
        setStatus('Expanding failed: ' + error.message, true);
      });
  }

  function findPaths(from, to) {
    setStatus('Looking for paths from "' + from + '" to "' + to + '"...');
    return graphql(PATHS, { from: from, to: to })
      .then(function (data) {
        var paths = data.paths || [];
        cy.elements().removeClass('path');
        paths.forEach(function (p) {
          merge(p.nodes, p.edges);
        });
        paths.forEach(function (p) {
          p.nodes.forEach(function (n) { cy.getElementById(n.id).addClass('path'); });
          p.edges.forEach(function (e) { cy.getElementById(e.id).addClass('path'); });
        });
        layout();
        afterChange();
        setStatus(paths.length ? paths.length + ' path(s), the shortest ' + paths[0].edges.length + ' links long, highlighted.' : 'No path of at most 4 links.');
      })
      .catch(function (error) {
        setStatus('Path search failed: ' + error.message, true);
      });
  }

  function text(tag, content, attrs) {
    var el = document.createElement(tag);
    if (content != null) el.textContent = content;
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }

  // Which way a link goes, seen from the claim in the panel (ClaimLink.direction).
  var DIRECTIONS = {
    CONTRADICTS: { OUTGOING: 'This claim contradicts', INCOMING: 'This claim is contradicted by' },
    CORROBORATES: { OUTGOING: 'This claim corroborates', INCOMING: 'This claim is corroborated by' },
  };

  /**
   * The links grouped by the other claim and direction, in the API's order: a source stating a
   * conflict and a rule finding the same one are two links (EXPLICIT and DENIAL) to one claim,
   * shown as one entry with both reasons rather than the same quote twice.
   */
  function byOtherClaim(links) {
    var groups = [];
    var seen = {};
    links.forEach(function (link) {
      var key = link.direction + ' ' + link.claim.id;
      if (!seen[key]) groups.push((seen[key] = { direction: link.direction, claim: link.claim, links: [] }));
      seen[key].links.push(link);
    });
    return groups;
  }

  /**
   * One claim this one contradicts or corroborates (or is contradicted or corroborated by): which
   * way, the other claim's claimant, statement, verbatim quote and source, and the kind and
   * explanation of each link. Built with textContent only: every string here comes from the data.
   */
  function linkItem(type, group) {
    var other = group.claim;
    var li = text('li', null, { class: 'link ' + type.toLowerCase(), 'data-claim-id': other.id, 'data-direction': group.direction });
    var head = text('p', null, { class: 'link-head' });
    head.appendChild(text('span', DIRECTIONS[type][group.direction], { class: 'link-direction', 'data-testid': 'link-direction' }));
    // "contradicts a claim by X", but "is contradicted by X".
    head.appendChild(document.createTextNode(group.direction === 'OUTGOING' ? ' a claim by ' : ' '));
    head.appendChild(text('strong', other.claimant.name, { class: 'link-claimant', 'data-testid': 'link-claimant' }));
    head.appendChild(document.createTextNode(':'));
    li.appendChild(head);
    li.appendChild(text('p', other.statement, { class: 'link-statement', 'data-testid': 'link-statement' }));
    var quote = text('figure', null, { class: 'link-quote' });
    quote.appendChild(text('figcaption', 'Verbatim quote'));
    quote.appendChild(text('blockquote', other.quote, { 'data-testid': 'link-quote' }));
    li.appendChild(quote);
    li.appendChild(text('p', 'Source: ' + other.source.title, { class: 'link-source', 'data-testid': 'link-source' }));
    group.links.forEach(function (link) {
      var why = text('p', null, { class: 'link-why' });
      why.appendChild(text('span', link.kind, { class: 'kind', 'data-testid': 'link-kind' }));
      why.appendChild(document.createTextNode(' '));
      why.appendChild(text('em', link.explanation, { 'data-testid': 'link-explanation' }));
      li.appendChild(why);
    });
    return li;
  }

  function linkList(title, type, links, testid) {
    var groups = byOtherClaim(links);
    var section = document.createElement('div');
    section.appendChild(text('h3', title + ' (' + groups.length + (groups.length === 1 ? ' claim' : ' claims') + ')'));
    var ul = text('ul', null, { class: 'links', 'data-testid': testid });
    groups.forEach(function (group) {
      ul.appendChild(linkItem(type, group));
    });
    section.appendChild(ul);
    return section;
  }

  function showClaim(id) {
    details.hidden = false;
    details.setAttribute('data-claim-id', '');
    details.replaceChildren(text('p', 'Loading ' + id + '...'));
    return graphql(CLAIM, { id: id })
      .then(function (data) {
        var c = data.claim;
        if (!c) return details.replaceChildren(text('p', 'No claim ' + id + '.'));
        details.replaceChildren(
          text('h2', 'Claim', {}),
          text('p', c.statement, { id: 'claim-statement', 'data-testid': 'claim-statement' }),
          text('blockquote', c.quote, { id: 'claim-quote', 'data-testid': 'claim-quote' }),
          text('p', (c.stance === 'DENIES' ? 'A denial by ' : 'Stated by ') + c.claimant.name + (c.statedAt ? ' on ' + c.statedAt.value : ''), { 'data-testid': 'claim-claimant' }),
          text('p', 'Source: ' + c.source.title, { id: 'claim-source', 'data-testid': 'claim-source' }),
          linkList('Contradictions', 'CONTRADICTS', c.contradictions, 'claim-contradictions'),
          linkList('Corroborations', 'CORROBORATES', c.corroborations, 'claim-corroborations'),
        );
        details.setAttribute('data-claim-id', c.id);
      })
      .catch(function (error) {
        details.replaceChildren(text('p', 'Could not load the claim: ' + error.message, { class: 'error' }));
      });
  }

  // The date slider: its positions are the distinct first days claims were stated on, and a last
  // position for "any date". Claims stated after the date chosen are hidden; undated claims stay.
  var dates = [];
  function updateSlider() {
    var atEnd = Number(slider.value) >= dates.length;
    var chosen = dates[Number(slider.value)];
    dates = Array.from(new Set(cy.nodes('[type = "Claim"]').map(function (n) { return n.data('stated'); }).filter(Boolean))).sort();
    slider.max = String(dates.length);
    slider.disabled = dates.length === 0;
    slider.value = String(atEnd || chosen === undefined ? dates.length : Math.max(0, dates.indexOf(chosen)));
  }

  function applyDateFilter() {
    var i = Number(slider.value);
    var limit = i >= dates.length ? null : dates[i];
    dateValue.textContent = limit || 'any date';
    cy.batch(function () {
      cy.nodes('[type = "Claim"]').forEach(function (n) {
        var stated = n.data('stated');
        if (limit && stated && stated > limit) n.addClass('hidden');
        else n.removeClass('hidden');
      });
    });
    count();
  }

  function download(name, blob) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  function xml(value) {
    return String(value).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; });
  }

  /**
   * The elements drawn now (not those the slider hides) as GraphML, valid against the GraphML
   * schema. A GraphML id is an XML name token, which `>` is not: an edge's id writes the API's `->`
   * as `--`, as /export/graph.graphml does.
   */
  function graphml() {
    var nodes = cy.nodes().not('.hidden');
    var edges = nodes.edgesWith(nodes);
    var out = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
      '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
      '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
      '  <key id="side" for="node" attr.name="side" attr.type="string"/>',
      '  <key id="relationship" for="edge" attr.name="type" attr.type="string"/>',
      '  <key id="kind" for="edge" attr.name="kind" attr.type="string"/>',
      '  <key id="explanation" for="edge" attr.name="explanation" attr.type="string"/>',
      '  <graph id="explore" edgedefault="directed">',
    ];
    nodes.forEach(function (n) {
      out.push('    <node id="' + xml(n.id()) + '"><data key="label">' + xml(n.data('label')) + '</data><data key="type">' + xml(n.data('type')) + '</data><data key="side">' + xml(n.data('side')) + '</data></node>');
    });
    edges.forEach(function (e) {
      out.push('    <edge id="' + xml(e.id().replace('->', '--')) + '" source="' + xml(e.data('source')) + '" target="' + xml(e.data('target')) + '"><data key="relationship">' + xml(e.data('type')) + '</data>' +
        (e.data('kind') ? '<data key="kind">' + xml(e.data('kind')) + '</data>' : '') +
        (e.data('explanation') ? '<data key="explanation">' + xml(e.data('explanation')) + '</data>' : '') + '</edge>');
    });
    out.push('  </graph>', '</graphml>', '');
    return out.join('\n');
  }

  cy.on('dbltap', 'node', function (event) {
    expand(event.target.id());
  });
  cy.on('tap', 'node[type = "Claim"]', function (event) {
    showClaim(event.target.id());
  });

  document.getElementById('search-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var value = document.getElementById('search-input').value.trim();
    if (value) search(value);
  });
  document.getElementById('path-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var from = document.getElementById('path-from').value.trim();
    var to = document.getElementById('path-to').value.trim();
    if (from && to) findPaths(from, to);
  });
  slider.addEventListener('input', applyDateFilter);
  document.getElementById('fit-button').addEventListener('click', function () { cy.fit(undefined, 30); });
  document.getElementById('clear-button').addEventListener('click', function () {
    cy.elements().remove();
    details.hidden = true;
    afterChange();
    setStatus('Cleared.');
  });
  document.getElementById('export-png').addEventListener('click', function () {
    download('claimgraph.png', cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }));
  });
  document.getElementById('export-graphml').addEventListener('click', function () {
    download('claimgraph.graphml', new Blob([graphml()], { type: 'application/xml' }));
  });

  // For tests and tools driving the page.
  window.explorer = { cy: cy, search: search, expand: expand, findPaths: findPaths, showClaim: showClaim, graphml: graphml, queries: QUERIES };
  container.setAttribute('data-ready', 'true');
})();
