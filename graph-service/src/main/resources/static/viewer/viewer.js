/*
 * SourceTrace's chain viewer: search → trace, explore (neighbours, distribution network, operator cluster),
 * cut plans, exports, and the region page. Plain browser JavaScript over the ECharts global and the st.*
 * parts (api, model, draw, export, region); window.viewer is its face for automation and tests.
 */
(function (st) {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var escape = st.draw.escape;

  var state = {
    setup: null,
    model: null,
    history: [],
    layout: 'layered',
    positions: null, // positions of the current model and layout, once computed
    focus: null, // the highlighted evidence path
    selected: null, // {type: 'node'|'edge', id}
    open: {}, // groups drawn node by node in a summarised view
    drawn: null,
    busy: 0
  };

  var chart = echarts.init($('chart'), null, { renderer: 'canvas' });
  window.addEventListener('resize', function () { chart.resize(); });
  st.draw.lookup.node = function (id) { return state.model && (state.model.nodeIndex[id] || groupNode(id)); };
  st.draw.lookup.edge = function (id) {
    return state.model && (state.model.edgeIndex[id] || (state.drawn && state.drawn.edges.find(function (e) { return e.id === id; })));
  };

  function groupNode(id) {
    return state.drawn && state.drawn.nodes.find(function (node) { return node.id === id; });
  }

  // ---- requests, busy and messages ----

  function busy(promise) {
    state.busy++;
    document.body.dataset.busy = 'true';
    return promise.finally(function () {
      state.busy--;
      if (state.busy === 0) {
        document.body.dataset.busy = 'false';
      }
    });
  }

  function say(text, isError) {
    var message = $('message');
    message.textContent = text || '';
    message.classList.toggle('st-error', !!isError);
  }

  function warnings(answer) {
    return answer.errors ? ' (partly refused: ' + answer.errors.map(function (e) { return e.message; }).join('; ') + ')' : '';
  }

  function fail(error) {
    say(error.message, true);
  }

  // ---- showing a model ----

  function show(model, keepHistory) {
    if (state.model && !keepHistory) {
      state.history.push(state.model);
    }
    state.model = model;
    state.positions = null;
    state.focus = null;
    state.selected = null;
    state.open = {};
    render();
  }

  function back() {
    if (!state.history.length) {
      return;
    }
    state.model = state.history.pop();
    state.positions = null;
    state.focus = null;
    state.selected = null;
    state.open = {};
    render();
  }

  function roots(model) {
    var ids = model.nodes.filter(function (node) { return node.marks.root || node.marks.source; }).map(function (node) { return node.id; });
    return ids.length ? ids : (model.nodes[0] ? [model.nodes[0].id] : []);
  }

  /** Draws the current model: positions (once per model and layout), the chart, the lists, the panels. */
  function render() {
    var model = state.model;
    var drawn = st.model.drawable(model, state.open);
    state.drawn = drawn;
    var drawnRoots = roots(model).map(function (id) { return drawn.summarised ? ownerOf(drawn, id) : id; });
    if (!state.positions) {
      state.positions = state.layout === 'layered' ? st.model.layered(drawn.nodes, drawn.edges, drawnRoots,
        chart.getWidth() / Math.max(1, chart.getHeight())) : {};
    }
    var layout = state.layout === 'layered' || Object.keys(state.positions).length ? 'none' : state.layout;
    var focus = state.focus ? focusSets(state.focus) : null;
    var selectedNode = state.selected && state.selected.type === 'node' ? state.selected.id : null;
    var started = performance.now();
    chart.setOption(st.draw.option(drawn, state.positions, state.layout === 'layered' ? 'layered' : layout, focus, selectedNode),
      { notMerge: true });
    if (layout !== 'none') {
      keepPositions(drawn); // force and circular: laid out once by ECharts, kept while the model stays
    }
    state.layoutMs = performance.now() - started;
    $('view-title').textContent = model.view.title + ' — ' + model.nodes.length + ' nodes, ' + model.edges.length + ' edges'
      + (drawn.summarised ? ' (summarised)' : '');
    $('back').disabled = state.history.length === 0;
    ['export-png', 'export-json', 'export-graphml'].forEach(function (id) { $(id).disabled = false; });
    $('cut').disabled = !cutInput(model);
    renderLegend(drawn);
    renderPaths(model);
    renderLists(model, drawn);
    renderDetails();
    renderCut(model);
  }

  function ownerOf(drawn, id) {
    var group = drawn.groups.find(function (g) { return g.members.some(function (m) { return m.id === id; }); });
    return group && !group.opened ? group.id : id;
  }

  function keepPositions(drawn) {
    try {
      var data = chart.getModel().getSeriesByIndex(0).getData();
      var positions = {};
      drawn.nodes.forEach(function (node, i) {
        var point = data.getItemLayout(i);
        if (point && isFinite(point[0]) && isFinite(point[1])) {
          positions[node.id] = [point[0], point[1]];
        }
      });
      state.positions = positions;
    }
    catch (notAvailable) {
      state.positions = null; // laid out again on the next render
    }
  }

  function focusSets(path) {
    var nodeIds = {};
    var edgeIds = {};
    path.nodeIds.forEach(function (id) { nodeIds[id] = true; });
    path.edgeIds.forEach(function (id) { edgeIds[id] = true; });
    return { nodeIds: nodeIds, edgeIds: edgeIds };
  }

  function renderLegend(drawn) {
    var kinds = [];
    drawn.nodes.forEach(function (node) {
      if (kinds.indexOf(node.kind) < 0) {
        kinds.push(node.kind);
      }
    });
    $('legend').innerHTML = st.draw.legend(kinds);
  }

  function renderPaths(model) {
    var panel = $('paths-panel');
    panel.hidden = model.paths.length === 0;
    if (!model.paths.length) {
      $('paths').innerHTML = '';
      return;
    }
    var html = ['<p class="st-hint">Highlight one path; the others fade.</p><ul class="st-path-list">'];
    html.push('<li><button type="button" data-path="" aria-pressed="' + (!state.focus) + '">all paths</button></li>');
    model.paths.forEach(function (path) {
      var factory = model.nodeIndex['Factory:' + path.factoryId];
      html.push('<li><button type="button" data-path="' + escape(path.id) + '" aria-pressed="'
        + (state.focus && state.focus.id === path.id) + '">#' + path.rank + ' ' + escape(path.kind) + ' → '
        + escape(factory ? factory.label : path.factoryId) + (factory && factory.marks.unauthorized ? ' (⚠ unauthorized)' : '')
        + ', ' + path.nodeIds.length + ' nodes</button></li>');
    });
    html.push('</ul>');
    $('paths').innerHTML = html.join('');
  }

  function highlightPath(pathId) {
    state.focus = pathId ? state.model.paths.find(function (p) { return p.id === pathId; }) : null;
    render();
  }

  var ROW_LIMIT = 1000;

  function renderLists(model, drawn) {
    $('node-count').textContent = model.nodes.length;
    $('edge-count').textContent = model.edges.length;
    var note = $('summary-note');
    note.hidden = !drawn.summarised;
    note.textContent = drawn.summarised ? 'This view has ' + model.nodes.length + ' nodes, more than ' + st.model.DRAW_LIMIT
      + ' drawn one by one: the drawing groups them by kind and province. Open a group (here or by clicking it) to draw its nodes.' : '';
    $('groups').innerHTML = drawn.summarised ? groupsTable(drawn) : '';
    var rows = model.nodes.slice(0, ROW_LIMIT).map(function (node) {
      var selected = state.selected && state.selected.id === node.id;
      return '<tr data-id="' + escape(node.id) + '"' + (node.marks.unauthorized ? ' class="st-unauthorized"' : '')
        + (node.marks.cutPoint ? ' data-cut="true"' : '') + '>'
        + '<td>' + st.draw.swatch(st.draw.style(node.kind)) + escape(node.kind) + (node.sub ? ' <small>' + escape(node.sub) + '</small>' : '') + '</td>'
        + '<td>' + escape(node.label) + '</td><td><code>' + escape(node.id) + '</code></td>'
        + '<td class="st-marks">' + escape(st.draw.markWords(node).join(' · ')) + '</td>'
        + '<td>' + escape(st.draw.provenanceText(node.provenance)) + '</td>'
        + '<td><button type="button" class="st-select" data-select="' + escape(node.id) + '" aria-pressed="' + !!selected
        + '" aria-label="Select ' + escape(node.kind + ' ' + node.label) + '">Select</button></td></tr>';
    });
    if (model.nodes.length > ROW_LIMIT) {
      rows.push('<tr><td colspan="6">… and ' + (model.nodes.length - ROW_LIMIT) + ' more (all of them are in the JSON and GraphML exports)</td></tr>');
    }
    document.querySelector('#nodes-table tbody').innerHTML = rows.join('');
    var edgeRows = model.edges.slice(0, ROW_LIMIT).map(function (edge) {
      return '<tr data-id="' + escape(edge.id) + '"><td><code>' + escape(edge.source) + '</code></td><td>' + escape(edge.type)
        + '</td><td><code>' + escape(edge.target) + '</code></td><td>'
        + (edge.strength !== undefined ? 'strength ' + edge.strength.toFixed(3) : escape(edge.count))
        + '</td><td>' + escape(st.draw.provenanceText(edge.provenance)) + '</td></tr>';
    });
    document.querySelector('#edges-table tbody').innerHTML = edgeRows.join('');
  }

  function groupsTable(drawn) {
    var rows = drawn.groups.map(function (group) {
      return '<tr data-group="' + escape(group.id) + '"><td>' + st.draw.swatch(st.draw.style(group.kind)) + escape(group.kind)
        + '</td><td>' + escape(group.province || '—') + '</td><td>' + group.members.length + '</td><td><button type="button" data-open="'
        + escape(group.id) + '" aria-pressed="' + group.opened + '">' + (group.opened ? 'Close' : 'Open') + '</button></td></tr>';
    });
    return '<table class="st-groups"><caption>Groups drawn</caption><thead><tr><th scope="col">kind</th><th scope="col">province</th>'
      + '<th scope="col">nodes</th><th scope="col"><span class="st-visually-hidden">open</span></th></tr></thead><tbody>'
      + rows.join('') + '</tbody></table>';
  }

  function toggleGroup(id) {
    var group = state.drawn.groups.find(function (g) { return g.id === id; });
    if (!group) {
      return;
    }
    if (state.open[id]) {
      delete state.open[id];
    }
    else {
      state.open[id] = true;
    }
    state.positions = null;
    render();
    var after = state.drawn.groups.find(function (g) { return g.id === id; });
    if (state.open[id] && after && !after.opened) {
      say('Group ' + id + ' has ' + group.members.length + ' nodes: too many to draw one by one with what is open already. Close another group first.', true);
    }
  }

  // ---- selection and details ----

  function select(type, id) {
    state.selected = id ? { type: type, id: id } : null;
    render();
  }

  function renderDetails() {
    var model = state.model;
    var details = $('details');
    var selected = state.selected;
    var node = selected && selected.type === 'node' ? model.nodeIndex[selected.id] : null;
    var edge = selected && selected.type === 'edge' ? model.edgeIndex[selected.id] : null;
    $('expand').disabled = !node;
    $('more').disabled = !node || !model.pages[node.id] || !Object.keys(model.pages[node.id]).length;
    $('to-trace').disabled = !(node && node.kind === 'Listing');
    $('to-network').disabled = !(node && node.kind === 'Factory');
    $('to-cluster').disabled = !(node && node.kind === 'Seller');
    if (!node && !edge) {
      details.innerHTML = '<p class="st-hint">Click a node or edge, or pick one in the lists below. Hover shows its provenance.</p>';
      return;
    }
    var rows = [];
    var provenance;
    if (node) {
      rows.push(['kind', node.kind + (node.sub ? ' (' + node.sub + ')' : '')], ['label', node.label], ['id', node.id]);
      Object.keys(node.props).forEach(function (name) { rows.push([name, node.props[name]]); });
      if (st.draw.markWords(node).length) {
        rows.push(['marks', st.draw.markWords(node).join(' · ')]);
      }
      if (node.marks.why && node.marks.why.length) {
        rows.push(['why this candidate', node.marks.why.join(' ')]);
      }
      var pages = model.pages[node.id];
      if (pages && Object.keys(pages).length) {
        rows.push(['more neighbours', Object.keys(pages).map(function (f) { return f + ' (' + pages[f].totalCount + ' in all)'; }).join(', ')]);
      }
      provenance = node.provenance;
    }
    else {
      rows.push(['type', edge.type], ['from', edge.source], ['to', edge.target], ['facts', edge.count]);
      if (edge.strength !== undefined) {
        rows.push(['link strength', edge.strength.toFixed(3)]);
      }
      if (edge.properties) {
        rows.push(['properties', JSON.stringify(edge.properties)]);
      }
      provenance = edge.provenance;
    }
    rows.push(['provenance: source', provenance ? provenance.source : 'not recorded'],
      ['provenance: observed at', provenance ? provenance.observedAt : '—'], ['provenance: grade', provenance ? provenance.grade : '—']);
    details.innerHTML = '<dl class="st-dl">' + rows.map(function (row) {
      return '<dt>' + escape(row[0]) + '</dt><dd>' + escape(row[1]) + '</dd>';
    }).join('') + '</dl>';
  }

  // ---- the views ----

  function trace(listingId) {
    say('Tracing ' + listingId + '…');
    return busy(st.api.trace(listingId).then(function (answer) {
      var model = st.model.fromTrace(answer.data.traceSource, listingId);
      show(model);
      say(model.explanation ? model.explanation : answer.data.traceSource.candidates.length + ' candidate source(s)'
        + (model.truncated ? '; capped' : '') + warnings(answer));
    })).catch(fail);
  }

  function network(factoryId) {
    say('Reading the distribution network of ' + factoryId + '…');
    return busy(st.api.network(factoryId).then(function (answer) {
      var network = answer.data.distributionNetwork;
      if (!network.factory) {
        throw new Error('No factory has the id ' + factoryId + '.');
      }
      show(st.model.fromNetwork(network, factoryId));
      var t = network.totals;
      say(t.warehouses + ' warehouses, ' + t.operators + ' operators, ' + t.storefronts + ' storefronts, ' + t.activeListings
        + ' active and ' + t.inactiveListings + ' inactive listings, ' + t.platforms + ' platforms, ' + t.regions + ' regions'
        + (network.truncated ? ' (capped at 2,000 nodes)' : '') + warnings(answer));
    })).catch(fail);
  }

  function cluster(sellerId) {
    say('Reading the operator cluster of ' + sellerId + '…');
    return busy(st.api.cluster(sellerId).then(function (answer) {
      var found = answer.data.operatorCluster;
      if (!found.seller) {
        throw new Error('No seller has the id ' + sellerId + '.');
      }
      show(st.model.fromCluster(found, sellerId));
      say(found.members.length + ' linked seller(s); the dashed edges carry the link strength (0.5 and above: likely the same operator)'
        + (found.truncated ? '; capped at 200' : '') + warnings(answer));
    })).catch(fail);
  }

  function explore(entity) {
    show(st.model.fromEntity(entity));
    state.selected = { type: 'node', id: state.model.nodes[0].id };
    return expand(false);
  }

  /** Adds the selected node's neighbours (first page of each relationship, or the next pages). */
  function expand(more) {
    var model = state.model;
    var node = state.selected && model.nodeIndex[state.selected.id];
    if (!node) {
      return Promise.resolve();
    }
    var after = more ? model.pages[node.id] : null;
    say('Reading the neighbours of ' + node.id + '…');
    return busy(st.api.expand(node.kind, node.key, after).then(function (answer) {
      var result = st.model.addNeighbours(model, node.id, answer.data);
      if (model.view.title.indexOf(' + neighbours') < 0) {
        model.view.title += ' + neighbours';
      }
      state.positions = null;
      render();
      var left = Object.keys(result.more);
      say(result.added + ' new node(s) around ' + node.label + ' (up to ' + st.api.PAGE_SIZE + ' per relationship)'
        + (left.length ? '; more in ' + left.join(', ') + ': press “More neighbours”' : '') + warnings(answer));
    })).catch(fail);
  }

  // ---- cut plans ----

  /** The cut plan's input from the view: its factories as sources, or else its listings as targets. */
  function cutInput(model) {
    if (model.view.type === 'cut') {
      return model.view.params.input;
    }
    var factories = model.nodes.filter(function (n) { return n.kind === 'Factory'; }).map(function (n) { return n.key; });
    var listings = model.nodes.filter(function (n) { return n.kind === 'Listing'; }).map(function (n) { return n.key; });
    if (factories.length) {
      return { factoryIds: factories.slice(0, 500) };
    }
    return listings.length ? { listingIds: listings.slice(0, 50000) } : null;
  }

  function runCut() {
    var base = cutInput(state.model);
    if (!base) {
      return Promise.resolve();
    }
    var input = { factoryIds: base.factoryIds, listingIds: base.listingIds };
    Object.keys(input).forEach(function (k) { if (!input[k]) { delete input[k]; } });
    var alone = document.querySelector('input[name="cut-scope"]:checked').value === 'alone';
    var region = $('cut-region').value.trim();
    if (alone) {
      if (!/^[0-9]{6}$/.test(region)) {
        say('“This region alone” needs a six-digit region code.', true);
        return Promise.resolve();
      }
      input.actingRegions = [region];
    }
    var caseId = $('cut-case').value.trim();
    if (caseId) {
      input.caseId = caseId;
    }
    var title = state.model.view.type === 'cut' ? state.model.view.params.sourceTitle : state.model.view.title;
    say('Planning the cut…');
    return busy(st.api.cutPlan(input).then(function (answer) {
      var plan = answer.data.cutPlan;
      var model = st.model.fromCut(plan, input, title + (alone ? ' — ' + region + ' alone' : ' — joint'));
      model.view.params.sourceTitle = title;
      show(model, state.model.view.type === 'cut'); // a re-plan replaces the plan it re-plans
      say('Cut plan: ' + plan.pointCount + ' point(s), total cost ' + plan.totalCost + ' (max-flow ' + plan.maxFlow + ': no cheaper plan), '
        + plan.listingsDisconnected + ' of ' + plan.listingsTargeted + ' targeted listings disconnected' + warnings(answer));
    })).catch(fail);
  }

  function renderCut(model) {
    var result = $('cut-result');
    var plan = model.cut;
    if (!plan) {
      result.innerHTML = '';
      return;
    }
    var html = [];
    html.push('<dl class="st-dl st-totals"><dt>points</dt><dd>' + plan.pointCount + '</dd><dt>total cost</dt><dd>' + plan.totalCost
      + '</dd><dt>max-flow</dt><dd>' + plan.maxFlow + '</dd><dt>listings targeted</dt><dd>' + plan.listingsTargeted
      + '</dd><dt>disconnected</dt><dd>' + plan.listingsDisconnected + ' (' + plan.listingsAlreadyDisconnected + ' already)'
      + '</dd><dt>not disconnectable</dt><dd>' + plan.notDisconnectableCount + '</dd><dt>already cut</dt><dd>' + plan.alreadyCutCount
      + '</dd>' + (plan.truncated ? '<dt>capped</dt><dd>' + escape(plan.truncation) + '</dd>' : '') + '</dl>');
    html.push('<table id="cut-points" class="st-cut-points"><caption>Points to cut</caption><thead><tr><th scope="col">point</th>'
      + '<th scope="col">action</th><th scope="col">cost</th><th scope="col">who acts</th><th scope="col">listings cut off</th></tr></thead><tbody>');
    plan.points.forEach(function (point) {
      html.push('<tr data-point="' + escape(point.id) + '"><td><button type="button" class="st-link" data-select="' + escape(point.id) + '">'
        + escape(point.label || point.id) + '</button><br><code>' + escape(point.id) + '</code></td><td>' + escape(point.action)
        + '</td><td>' + point.cost + '</td><td>' + escape([point.region, point.city, point.province].filter(Boolean)
          .map(function (r) { return r.name; }).filter(function (name, i, all) { return all.indexOf(name) === i; }).join(', ') || 'unknown')
        + '</td><td>' + point.listingsCutOff + '</td></tr>');
    });
    html.push('</tbody></table>');
    html.push('<h4>Regions involved (province)</h4><ul id="cut-regions">' + plan.regions.map(function (share) {
      return '<li>' + escape(share.region ? share.region.name : 'unknown region') + ': ' + share.points.length + ' point(s), cost ' + share.cost + '</li>';
    }).join('') + '</ul>');
    if (plan.assistanceRequests.length) {
      html.push('<h4>Assistance to ask for</h4><ul>' + plan.assistanceRequests.map(function (draft) {
        return '<li>' + escape((draft.from ? draft.from.name : '?') + ' → ' + (draft.to ? draft.to.name : 'unknown region')) + ': '
          + escape(draft.kind) + ', ' + draft.points.length + ' point(s), cost ' + draft.cost + '</li>';
      }).join('') + '</ul>');
    }
    if (plan.notDisconnectable.length) {
      html.push('<h4>Not disconnectable</h4><ul>' + plan.notDisconnectable.map(function (item) {
        return '<li><code>' + escape(item.listingId) + '</code>: ' + escape(item.reason) + '</li>';
      }).join('') + '</ul>');
    }
    result.innerHTML = html.join('');
  }

  // ---- exports ----

  function exportAs(kind) {
    var model = state.model;
    if (!model) {
      return;
    }
    if (kind === 'png') {
      st.exports.download(st.exports.fileName(model, 'png'), st.exports.png(chart));
    }
    else if (kind === 'json') {
      st.exports.download(st.exports.fileName(model, 'json'), st.exports.json(model), 'application/json');
    }
    else {
      st.exports.download(st.exports.fileName(model, 'graphml'), st.exports.graphml(model), 'application/graphml+xml');
    }
    say('Exported the view as ' + kind.toUpperCase() + '.');
  }

  // ---- search (a combobox: arrows move, Enter picks, Escape closes) ----

  var search = { hits: [], active: -1, timer: null, seq: 0 };

  function runSearch(text) {
    var seq = ++search.seq;
    text = text.trim();
    if (text.length < 2) {
      showHits([]);
      return Promise.resolve();
    }
    var lookups = [st.api.search(text).then(function (answer) {
      return answer.data.search.edges.map(function (edge) { return edge.node; });
    })];
    if (/^fac-[A-Za-z0-9_-]+$/i.test(text)) {
      lookups.unshift(st.api.factory(text).then(function (answer) { return answer.data.factory ? [answer.data.factory] : []; }));
    }
    return busy(Promise.all(lookups).then(function (lists) {
      if (seq === search.seq) {
        showHits([].concat.apply([], lists).map(st.model.entityNode));
      }
    })).catch(function (error) {
      $('search-status').textContent = error.message;
    });
  }

  var PICK = { Listing: 'trace', Seller: 'operator cluster', Factory: 'distribution network', Account: 'neighbours', Address: 'neighbours' };

  function showHits(hits) {
    search.hits = hits;
    search.active = -1;
    var list = $('search-results');
    list.innerHTML = hits.map(function (hit, i) {
      return '<li role="option" id="hit-' + i + '" data-index="' + i + '" data-id="' + escape(hit.id) + '" aria-selected="false">'
        + st.draw.swatch(st.draw.style(hit.kind)) + '<span class="st-hit-kind">' + escape(hit.kind) + (hit.sub ? ' ' + escape(hit.sub) : '')
        + '</span> ' + escape(hit.label) + ' <code>' + escape(hit.key) + '</code><span class="st-hit-action">' + escape(PICK[hit.kind] || '') + '</span></li>';
    }).join('');
    list.hidden = hits.length === 0;
    $('search-input').setAttribute('aria-expanded', String(hits.length > 0));
    $('search-input').removeAttribute('aria-activedescendant');
    $('search-status').textContent = hits.length + ' result(s)';
  }

  function moveActive(step) {
    if (!search.hits.length) {
      return;
    }
    search.active = (search.active + step + search.hits.length) % search.hits.length;
    Array.prototype.forEach.call($('search-results').children, function (li, i) {
      li.setAttribute('aria-selected', String(i === search.active));
    });
    var active = $('hit-' + search.active);
    $('search-input').setAttribute('aria-activedescendant', active.id);
    active.scrollIntoView({ block: 'nearest' });
  }

  function pick(index) {
    var hit = search.hits[index];
    if (!hit) {
      return Promise.resolve();
    }
    showHits([]);
    $('search-input').value = hit.label;
    switchPage('chain');
    if (hit.kind === 'Listing') {
      return trace(hit.key);
    }
    if (hit.kind === 'Seller') {
      return cluster(hit.key);
    }
    if (hit.kind === 'Factory') {
      return network(hit.key);
    }
    var entity = { __typename: hit.kind, provenance: hit.provenance };
    entity[st.api.KEYS[hit.kind]] = hit.key;
    Object.assign(entity, hit.props);
    return explore(entity);
  }

  $('search-input').addEventListener('input', function (event) {
    clearTimeout(search.timer);
    var text = event.target.value;
    search.timer = setTimeout(function () { runSearch(text); }, 250);
  });
  $('search-input').addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      moveActive(1);
    }
    else if (event.key === 'ArrowUp') {
      event.preventDefault();
      moveActive(-1);
    }
    else if (event.key === 'Enter') {
      event.preventDefault();
      if (search.active >= 0) {
        pick(search.active);
      }
      else {
        clearTimeout(search.timer);
        runSearch(event.target.value);
      }
    }
    else if (event.key === 'Escape') {
      showHits([]);
    }
  });
  $('search-results').addEventListener('mousedown', function (event) {
    var li = event.target.closest('li[data-index]');
    if (li) {
      event.preventDefault();
      pick(Number(li.dataset.index));
    }
  });

  // ---- wiring ----

  chart.on('click', function (params) {
    if (params.dataType === 'node') {
      if (String(params.data.id).indexOf('group:') === 0) {
        toggleGroup(params.data.id);
      }
      else {
        select('node', params.data.id);
      }
    }
    else if (params.dataType === 'edge') {
      select('edge', params.data.id);
    }
  });

  document.addEventListener('click', function (event) {
    var target = event.target.closest('button');
    if (!target) {
      return;
    }
    if (target.dataset.select) {
      select('node', target.dataset.select);
    }
    else if (target.dataset.path !== undefined) {
      highlightPath(target.dataset.path);
    }
    else if (target.dataset.open) {
      toggleGroup(target.dataset.open);
    }
  });
  $('back').addEventListener('click', back);
  $('expand').addEventListener('click', function () { expand(false); });
  $('more').addEventListener('click', function () { expand(true); });
  $('to-trace').addEventListener('click', function () { trace(state.model.nodeIndex[state.selected.id].key); });
  $('to-network').addEventListener('click', function () { network(state.model.nodeIndex[state.selected.id].key); });
  $('to-cluster').addEventListener('click', function () { cluster(state.model.nodeIndex[state.selected.id].key); });
  $('cut').addEventListener('click', runCut);
  $('layout').addEventListener('change', function (event) {
    state.layout = event.target.value;
    state.positions = null;
    if (state.model) {
      render();
    }
  });
  $('export-png').addEventListener('click', function () { exportAs('png'); });
  $('export-json').addEventListener('click', function () { exportAs('json'); });
  $('export-graphml').addEventListener('click', function () { exportAs('graphml'); });
  $('open-json').addEventListener('change', function (event) {
    var file = event.target.files[0];
    if (!file) {
      return;
    }
    file.text().then(function (text) {
      show(st.model.fromExport(JSON.parse(text)));
      say('Opened ' + file.name + ': ' + state.model.nodes.length + ' nodes, ' + state.model.edges.length + ' edges.');
    }).catch(function (error) {
      say('Could not open ' + file.name + ': ' + error.message, true);
    }).finally(function () {
      event.target.value = '';
    });
  });

  function switchPage(page) {
    $('chain-page').hidden = page !== 'chain';
    $('region-page').hidden = page !== 'region';
    $('tab-chain').setAttribute('aria-pressed', String(page === 'chain'));
    $('tab-region').setAttribute('aria-pressed', String(page === 'region'));
    if (page === 'chain') {
      chart.resize();
    }
    else {
      st.region.open();
    }
  }
  $('tab-chain').addEventListener('click', function () { switchPage('chain'); });
  $('tab-region').addEventListener('click', function () { switchPage('region'); });

  $('logout').addEventListener('click', function () {
    st.api.fetch(state.setup.logout, { method: 'POST' }).then(function () {
      window.location.assign(state.setup.logout.replace(/\/logout$/, '/login?logout'));
    });
  });

  $('legend').innerHTML = st.draw.legend([]);

  // ---- start ----

  st.api.fetch('viewer/setup.json', { headers: { Accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('viewer/setup.json answered HTTP ' + response.status);
      }
      return response.json();
    })
    .then(function (setup) {
      state.setup = setup;
      st.api.setEndpoint(setup.endpoint);
      $('explorer-link').href = setup.explorer;
      if (setup.user) {
        $('who').textContent = setup.user.name + ' · ' + setup.user.roles.join(', ') + (setup.user.regionCode ? ' · ' + setup.user.regionCode : '');
        $('cut-region').value = setup.user.regionCode || '';
      }
      st.region.init(setup);
      document.body.dataset.ready = 'true';
      document.body.dataset.busy = 'false';
      $('search-input').focus();
    })
    .catch(function (error) { say('The viewer could not start: ' + error.message, true); });

  /** For automation and tests: what is drawn, and the same operations as the controls. */
  window.viewer = {
    /** The current view's model as plain data (nodes with their marks, edges, evidence paths). */
    model: function () {
      var model = state.model;
      if (!model) {
        return null;
      }
      return JSON.parse(JSON.stringify({
        view: { type: model.view.type, title: model.view.title, root: model.view.root || null },
        nodes: model.nodes.map(function (n) { return { id: n.id, kind: n.kind, key: n.key, label: n.label, marks: n.marks, provenance: n.provenance }; }),
        edges: model.edges.map(function (e) { return { id: e.id, source: e.source, target: e.target, type: e.type, count: e.count }; }),
        paths: model.paths.map(function (p) { return { id: p.id, kind: p.kind, nodeIds: p.nodeIds, edgeIds: p.edgeIds }; }),
        summarised: state.drawn.summarised
      }));
    },
    /** What the chart itself holds: its series' nodes (id, symbol, label text) and edges, read back from ECharts. */
    drawn: function () {
      var series = chart.getOption().series[0];
      return {
        nodes: series.data.map(function (d) {
          return { id: d.id, symbol: d.symbol, label: d.label.show ? d.label.formatter : '', opacity: d.itemStyle.opacity };
        }),
        edges: series.links.map(function (l) { return { id: l.id, source: l.source, target: l.target, width: l.lineStyle.width }; }),
        layoutMs: state.layoutMs,
        summarised: state.drawn.summarised,
        groups: state.drawn.groups.map(function (g) { return { id: g.id, kind: g.kind, province: g.province, count: g.members.length, opened: g.opened }; })
      };
    },
    busy: function () { return state.busy > 0; },
    trace: trace,
    network: network,
    cluster: cluster,
    select: function (id) { select('node', id); },
    expand: function () { return expand(false); },
    cut: runCut,
    highlightPath: highlightPath,
    exports: {
      json: function () { return st.exports.json(state.model); },
      graphml: function () { return st.exports.graphml(state.model); },
      png: function () { return st.exports.png(chart); }
    }
  };
})(window.st);
