/*
 * The model of what the viewer shows: nodes and edges with their provenance and marks, built from the API's
 * answers (trace, network, operator cluster, cut plan, a node's neighbours), laid out in layers, and summarised
 * by kind and province when it is too large to draw node by node. No drawing here (draw.js does that).
 */
(function (st) {
  'use strict';

  var KEYS = st.api.KEYS;

  /** Above this many nodes a view is drawn as groups (kind, province) with counts, each expandable. */
  var DRAW_LIMIT = 500;

  function emptyModel(view) {
    return { view: view, nodes: [], nodeIndex: {}, edges: [], edgeIndex: {}, paths: [], cut: null, pages: {}, totals: null };
  }

  /** A node from an entity as the E fragment answers it (api.js). */
  function entityNode(entity) {
    var kind = entity.__typename;
    var key = entity[KEYS[kind]];
    var label = entity.platformName || entity.regionName || entity.name || entity.title || entity.handle
      || entity.displayName || entity.text || entity.number || entity.address || key;
    var sub = entity.accountKind || entity.leg || entity.listingStatus || entity.platformType || entity.level
      || entity.caseStatus || entity.actionType || entity.sellerKind || null;
    var props = {};
    Object.keys(entity).forEach(function (name) {
      var value = entity[name];
      if (name !== '__typename' && name !== 'provenance' && value !== null && typeof value !== 'object') {
        props[name] = value;
      }
    });
    return {
      id: kind + ':' + key, kind: kind, key: key, label: String(label), sub: sub,
      regionCode: entity.regionCode || (kind === 'Region' ? entity.code : null),
      provenance: entity.provenance || null, props: props, marks: {}
    };
  }

  /** A node from a PathNode (id, kind, key, label, entity). */
  function pathNode(node) {
    var built = node.entity ? entityNode(node.entity) : null;
    if (!built) {
      built = { kind: kindLabel(node.kind), key: node.key, label: node.label || node.key, sub: null, regionCode: null,
        provenance: null, props: {}, marks: {} };
    }
    built.id = node.id;
    if (node.label) {
      built.label = node.label;
    }
    return built;
  }

  /** LISTING → Listing, RIGHTS_HOLDER → RightsHolder (the EntityKind enum's names as labels). */
  function kindLabel(entityKind) {
    return String(entityKind).toLowerCase().replace(/(^|_)([a-z])/g, function (m, sep, letter) { return letter.toUpperCase(); });
  }

  function addNode(model, node) {
    var existing = model.nodeIndex[node.id];
    if (existing) {
      // keep the richer of the two, and every mark
      if (!existing.provenance && node.provenance) {
        existing.provenance = node.provenance;
      }
      Object.assign(existing.props, node.props);
      Object.assign(existing.marks, node.marks);
      existing.regionCode = existing.regionCode || node.regionCode;
      return existing;
    }
    model.nodeIndex[node.id] = node;
    model.nodes.push(node);
    return node;
  }

  function addEdge(model, edge) {
    var id = edge.source + '|' + edge.type + '|' + edge.target;
    var existing = model.edgeIndex[id];
    if (existing) {
      existing.provenance = existing.provenance || edge.provenance || null;
      return existing;
    }
    edge.id = id;
    edge.count = edge.count || 1;
    model.edgeIndex[id] = edge;
    model.edges.push(edge);
    return edge;
  }

  /** traceSource: the union of every candidate's evidence paths; each path kept for highlighting. */
  function fromTrace(trace, listingId) {
    var model = emptyModel({ type: 'trace', title: 'Trace of ' + listingId, root: 'Listing:' + listingId, params: { listingId: listingId } });
    if (trace.listing) {
      var listing = addNode(model, entityNode(trace.listing));
      listing.marks.root = true;
      if (trace.listing.brand) {
        listing.props.brand = trace.listing.brand.name;
      }
    }
    trace.candidates.forEach(function (candidate) {
      candidate.paths.forEach(function (path, index) {
        var nodeIds = path.nodes.map(function (node) { return addNode(model, pathNode(node)).id; });
        var edgeIds = path.relationships.map(function (rel) {
          return addEdge(model, { source: rel.startId, target: rel.endId, type: rel.type, provenance: rel.provenance,
            properties: rel.properties }).id;
        });
        model.paths.push({ id: 'p' + candidate.rank + '-' + (index + 1), rank: candidate.rank, kind: path.kind,
          factoryId: candidate.factory.factoryId, nodeIds: nodeIds, edgeIds: edgeIds });
      });
      var factory = model.nodeIndex['Factory:' + candidate.factory.factoryId];
      if (factory) {
        factory.marks.candidate = candidate.rank;
        factory.marks.score = candidate.score;
        factory.marks.confidence = candidate.confidence;
        factory.marks.why = candidate.explanation;
        factory.marks.evidence = candidate.evidenceKinds.join(', ');
        if (candidate.unauthorized) {
          factory.marks.unauthorized = true;
        }
      }
    });
    model.explanation = trace.explanation;
    model.truncated = trace.truncated;
    return model;
  }

  /** distributionNetwork: its nodes and aggregated edges, the factory as root. */
  function fromNetwork(network, factoryId) {
    var model = emptyModel({ type: 'network', title: 'Distribution network of ' + factoryId, root: 'Factory:' + factoryId,
      params: { factoryId: factoryId } });
    network.nodes.forEach(function (node) { addNode(model, pathNode(node)); });
    network.edges.forEach(function (edge) {
      addEdge(model, { source: edge.source, target: edge.target, type: edge.type, count: edge.count });
    });
    if (model.nodeIndex['Factory:' + factoryId]) {
      model.nodeIndex['Factory:' + factoryId].marks.root = true;
    }
    model.totals = network.totals;
    model.truncated = network.truncated;
    return model;
  }

  /** operatorCluster: the seller, its members with their link strength, and what links them. */
  function fromCluster(cluster, sellerId) {
    var model = emptyModel({ type: 'cluster', title: 'Operator cluster of ' + sellerId, root: 'Seller:' + sellerId,
      params: { sellerId: sellerId } });
    if (!cluster.seller) {
      return model;
    }
    var root = addNode(model, entityNode(cluster.seller));
    root.marks.root = true;
    cluster.members.forEach(function (member) {
      var seller = addNode(model, entityNode(member.seller));
      seller.marks.strength = member.strength;
      addEdge(model, { source: root.id, target: seller.id, type: 'SAME_OPERATOR', strength: member.strength });
      member.links.forEach(function (link) {
        var via = addNode(model, entityNode(link.via));
        addEdge(model, { source: root.id, target: via.id, type: link.kind });
        addEdge(model, { source: seller.id, target: via.id, type: link.kind, weight: link.weight,
          properties: { sharedBy: link.sharedBy, weight: link.weight } });
      });
    });
    model.truncated = cluster.truncated;
    return model;
  }

  /** cutPlan: its cut graph, the plan's points, sources, sinks and what was cut already marked. */
  function fromCut(plan, input, previousTitle) {
    var model = emptyModel({ type: 'cut', title: 'Cut plan for ' + (previousTitle || 'the view'), params: { input: input } });
    var points = {};
    plan.points.forEach(function (point) { points[point.id] = point; });
    plan.graph.nodes.forEach(function (node) {
      var built = addNode(model, {
        id: node.id, kind: kindLabel(node.kind), key: node.key, label: node.label || node.key, sub: node.cutKind,
        regionCode: node.regionCode, provenance: null, props: { cutKind: node.cutKind, cost: node.cost }, marks: {}
      });
      built.marks.source = node.source || undefined;
      built.marks.sink = node.sink || undefined;
      built.marks.alreadyCut = node.alreadyCut ? (node.alreadyCutReason || true) : undefined;
      built.marks.uncuttable = node.uncuttable || undefined;
      if (node.cutPoint) {
        var point = points[node.id] || {};
        built.marks.cutPoint = true;
        built.marks.action = point.action;
        built.marks.cost = point.cost;
        built.marks.actingRegion = point.region ? point.region.name : null;
      }
    });
    plan.graph.edges.forEach(function (edge) {
      addEdge(model, { source: edge.source, target: edge.target, type: edge.type, count: edge.count });
    });
    model.cut = plan;
    model.truncated = plan.graph.truncated;
    return model;
  }

  /** A view of one node (a search pick that has no trace of its own): expand it from there. */
  function fromEntity(entity) {
    var node = entityNode(entity);
    var model = emptyModel({ type: 'explore', title: node.kind + ' ' + node.label, root: node.id, params: { id: node.id } });
    addNode(model, node).marks.root = true;
    return model;
  }

  /**
   * Adds a node's neighbours as the expand document answered them (api.js); returns how many nodes were new
   * and records, per connection, the cursor of its next page when it has one.
   */
  function addNeighbours(model, nodeId, answer) {
    var node = model.nodeIndex[nodeId];
    var relations = st.api.RELATIONS[node.kind] || [];
    var before = model.nodes.length;
    var more = {};
    var n = answer && answer.n;
    if (!n) {
      return { added: 0, more: more };
    }
    relations.forEach(function (relation, index) {
      var field = relation[0];
      var type = relation[1];
      var out = relation[2];
      var value = n['f' + index];
      if (value === undefined || value === null) {
        return;
      }
      var link = function (entity, provenance, properties) {
        if (!entity || !entity.__typename) {
          return;
        }
        var other = addNode(model, entityNode(entity));
        addEdge(model, { source: out ? nodeId : other.id, target: out ? other.id : nodeId, type: type,
          provenance: provenance || null, properties: properties || null });
      };
      if (!relation[3]) {
        link(value, null, null);
        return;
      }
      value.edges.forEach(function (edge) {
        if (type === 'PAID') {
          link(edge.node.other, edge.node.provenance, { amount: edge.node.amount, currency: edge.node.currency, at: edge.node.at });
        }
        else {
          link(edge.node, edge.provenance, null);
        }
      });
      if (value.pageInfo.hasNextPage) {
        more[field] = { index: index, cursor: value.pageInfo.endCursor, totalCount: value.totalCount };
      }
    });
    model.pages[nodeId] = more;
    node.marks.expanded = true;
    return { added: model.nodes.length - before, more: more };
  }

  /** A view saved by the JSON export (export.js), opened again: the same nodes, edges, marks and paths. */
  function fromExport(data) {
    if (!data || !data.view || !Array.isArray(data.nodes) || !Array.isArray(data.edges)) {
      throw new Error('Not a view exported by the chain viewer (it needs view, nodes and edges).');
    }
    var view = Object.assign({}, data.view, { title: (data.view.title || 'Saved view') + ' (opened from a file)' });
    var model = emptyModel(view);
    data.nodes.forEach(function (node) {
      if (!node || typeof node.id !== 'string') {
        throw new Error('A node without an id.');
      }
      addNode(model, { id: node.id, kind: String(node.kind || 'Unknown'), key: node.key || node.id, label: String(node.label || node.id),
        sub: node.sub || null, regionCode: node.regionCode || null, provenance: node.provenance || null,
        props: node.properties || {}, marks: node.marks || {} });
    });
    data.edges.forEach(function (edge) {
      if (model.nodeIndex[edge.source] && model.nodeIndex[edge.target]) {
        addEdge(model, { source: edge.source, target: edge.target, type: String(edge.type || 'LINK'), count: edge.count || 1,
          strength: typeof edge.strength === 'number' ? edge.strength : undefined, properties: edge.properties || null,
          provenance: edge.provenance || null });
      }
    });
    model.paths = Array.isArray(data.paths) ? data.paths : [];
    model.cut = data.cut || null;
    return model;
  }

  /** The province (two leading digits) of a GB/T 2260 code. */
  function province(code) {
    return code && /^[0-9]{6}$/.test(code) ? code.slice(0, 2) + '0000' : null;
  }

  /**
   * What to draw: the nodes themselves when there are at most DRAW_LIMIT, otherwise one group per kind and
   * province (kind alone when its nodes have no region) with its count; a group in `open` is drawn node by
   * node while the total stays within the limit. Edges between groups are summed.
   */
  function drawable(model, open) {
    if (model.nodes.length <= DRAW_LIMIT) {
      return { summarised: false, nodes: model.nodes, edges: model.edges, groups: [] };
    }
    var groups = {};
    var order = [];
    model.nodes.forEach(function (node) {
      var p = province(node.regionCode);
      var id = 'group:' + node.kind + (p ? ':' + p : '');
      if (!groups[id]) {
        groups[id] = { id: id, kind: node.kind, province: p, members: [] };
        order.push(id);
      }
      groups[id].members.push(node);
    });
    var drawn = 0;
    var owner = {};
    var nodes = [];
    order.forEach(function (id) {
      var group = groups[id];
      var opened = open && open[id] && drawn + group.members.length <= DRAW_LIMIT;
      group.opened = !!opened;
      if (opened) {
        drawn += group.members.length;
        group.members.forEach(function (member) { owner[member.id] = member.id; nodes.push(member); });
      }
      else {
        drawn += 1;
        group.members.forEach(function (member) { owner[member.id] = id; });
        nodes.push({ id: id, kind: group.kind, key: id, label: group.kind + (group.province ? ' ' + group.province : '')
          + ' × ' + group.members.length, group: group, regionCode: group.province, provenance: null, props: {}, marks: {} });
      }
    });
    var edges = {};
    model.edges.forEach(function (edge) {
      var source = owner[edge.source];
      var target = owner[edge.target];
      if (!source || !target || source === target) {
        return;
      }
      var id = source + '|' + edge.type + '|' + target;
      if (edges[id]) {
        edges[id].count += edge.count || 1;
      }
      else {
        edges[id] = { id: id, source: source, target: target, type: edge.type, count: edge.count || 1, provenance: null };
      }
    });
    return { summarised: true, nodes: nodes, edges: Object.keys(edges).map(function (k) { return edges[k]; }),
      groups: order.map(function (id) { return groups[id]; }) };
  }

  /**
   * Layered positions: breadth-first layers from the view's roots (the listing traced, the factory, the cut's
   * sources, the seller), other components after them; within a layer ordered by the mean position of their
   * neighbours in the layer before, so that edges cross little.
   */
  function layered(nodes, edges, roots, aspect) {
    var adjacency = {};
    nodes.forEach(function (node) { adjacency[node.id] = []; });
    edges.forEach(function (edge) {
      if (adjacency[edge.source] && adjacency[edge.target]) {
        adjacency[edge.source].push(edge.target);
        adjacency[edge.target].push(edge.source);
      }
    });
    var layer = {};
    function bfs(starts) {
      var queue = starts.slice();
      starts.forEach(function (id) { layer[id] = 0; });
      while (queue.length) {
        var id = queue.shift();
        adjacency[id].forEach(function (next) {
          if (layer[next] === undefined) {
            layer[next] = layer[id] + 1;
            queue.push(next);
          }
        });
      }
    }
    bfs(roots.filter(function (id) { return adjacency[id]; }));
    // other components (nothing links them to a root) share the columns from the left
    nodes.forEach(function (node) {
      if (layer[node.id] === undefined) {
        bfs([node.id]);
      }
    });
    var columns = [];
    nodes.forEach(function (node) {
      (columns[layer[node.id]] = columns[layer[node.id]] || []).push(node.id);
    });
    var rowOf = {};
    columns.forEach(function (column, c) {
      if (!column) {
        return;
      }
      if (c > 0) {
        var mean = {};
        column.forEach(function (id) {
          var rows = adjacency[id].filter(function (n) { return layer[n] === c - 1; }).map(function (n) { return rowOf[n]; });
          mean[id] = rows.length ? rows.reduce(function (a, b) { return a + b; }, 0) / rows.length : Number.MAX_VALUE;
        });
        column.sort(function (a, b) { return mean[a] - mean[b]; });
      }
      column.forEach(function (id, row) { rowOf[id] = row; });
    });
    // a column taller than MAX_ROWS is wrapped into several side by side (e.g. a storefront's 30 listings)
    var MAX_ROWS = 14;
    var slots = [];
    columns.forEach(function (column) {
      if (!column) {
        return;
      }
      var wraps = Math.ceil(column.length / MAX_ROWS);
      var rows = Math.ceil(column.length / wraps);
      for (var w = 0; w < wraps; w++) {
        slots.push(column.slice(w * rows, (w + 1) * rows));
      }
    });
    columns = slots;
    var tallest = columns.reduce(function (max, column) { return Math.max(max, column ? column.length : 0); }, 1);
    // rows and columns spread so that the drawing roughly fills a stage of this width / height
    var rowGap = Math.max(56, (columns.length * 200) / (aspect || 1.6) / tallest);
    var columnGap = Math.max(200, (tallest * rowGap * (aspect || 1.6)) / Math.max(1, columns.length - 1) * 0.8);
    var positions = {};
    columns.forEach(function (column, c) {
      if (!column) {
        return;
      }
      var gap = tallest / column.length;
      column.forEach(function (id, row) {
        positions[id] = [c * columnGap, (row + 0.5) * gap * rowGap];
      });
    });
    return positions;
  }

  st.model = {
    DRAW_LIMIT: DRAW_LIMIT,
    empty: emptyModel,
    entityNode: entityNode,
    kindLabel: kindLabel,
    addNode: addNode,
    addEdge: addEdge,
    fromTrace: fromTrace,
    fromNetwork: fromNetwork,
    fromCluster: fromCluster,
    fromCut: fromCut,
    fromEntity: fromEntity,
    fromExport: fromExport,
    addNeighbours: addNeighbours,
    drawable: drawable,
    layered: layered,
    province: province
  };
})(window.st);
