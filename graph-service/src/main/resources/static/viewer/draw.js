/*
 * Drawing a view with ECharts' graph series: each kind of node has a colour AND a shape (the legend shows
 * both), marks that matter are written in the label as well (an unauthorized source, a cut point), an
 * evidence path can be highlighted, and hovering shows provenance.
 */
(function (st) {
  'use strict';

  // Shapes as SVG path data in a 100×100 box: ECharts draws them ('path://'), the legend shows the same.
  var SHAPES = {
    circle: 'M50,2 C76,2 98,24 98,50 C98,76 76,98 50,98 C24,98 2,76 2,50 C2,24 24,2 50,2 Z',
    square: 'M6,6 H94 V94 H6 Z',
    rounded: 'M20,6 H80 Q94,6 94,20 V80 Q94,94 80,94 H20 Q6,94 6,80 V20 Q6,6 20,6 Z',
    triangle: 'M50,4 L96,94 L4,94 Z',
    diamond: 'M50,2 L98,50 L50,98 L2,50 Z',
    pin: 'M50,98 L18,52 C6,34 20,4 50,4 C80,4 94,34 82,52 Z',
    arrow: 'M2,30 H60 V8 L98,50 L60,92 V70 H2 Z',
    hexagon: 'M27,6 L73,6 L98,50 L73,94 L27,94 L2,50 Z',
    star: 'M50,2 L62,36 L98,36 L69,58 L80,94 L50,72 L20,94 L31,58 L2,36 L38,36 Z',
    house: 'M50,2 L98,46 L86,46 L86,98 L14,98 L14,46 L2,46 Z',
    cross: 'M34,2 H66 V34 H98 V66 H66 V98 H34 V66 H2 V34 H34 Z',
    envelope: 'M2,16 L50,56 L98,16 V84 H2 Z',
    parallelogram: 'M26,16 H98 L74,84 H2 Z',
    pentagon: 'M50,2 L98,38 L80,96 L20,96 L2,38 Z',
    flag: 'M8,2 H20 V10 H96 L76,34 L96,58 H20 V98 H8 Z',
    document: 'M14,2 H64 L86,24 V98 H14 Z',
    bolt: 'M62,2 L14,56 H44 L34,98 L86,40 H56 Z',
    octagon: 'M30,2 H70 L98,30 V70 L70,98 H30 L2,70 V30 Z',
    // an unauthorized source: a warning sign (a triangle with an exclamation mark cut out of it)
    warning: 'M50,2 L98,96 L2,96 Z M45,32 L47,68 L53,68 L55,32 Z M45,76 L45,86 L55,86 L55,76 Z',
    group: 'M50,2 C76,2 98,24 98,50 C98,76 76,98 50,98 C24,98 2,76 2,50 C2,24 24,2 50,2 Z M50,22 C35,22 22,35 22,50 C22,65 35,78 50,78 C65,78 78,65 78,50 C78,35 65,22 50,22 Z'
  };

  /** Kind → colour, shape, size. Colours are distinguishable, but the shape alone also tells the kind. */
  var KINDS = {
    Factory: { color: '#8e1b1b', shape: 'square', size: 34 },
    Warehouse: { color: '#d35400', shape: 'rounded', size: 30 },
    Shipment: { color: '#7a5c3e', shape: 'arrow', size: 20 },
    Seller: { color: '#6a1b9a', shape: 'diamond', size: 30 },
    Account: { color: '#1f5fa8', shape: 'circle', size: 24 },
    Listing: { color: '#2e7d32', shape: 'triangle', size: 24 },
    Platform: { color: '#546e7a', shape: 'pin', size: 26 },
    Region: { color: '#827717', shape: 'hexagon', size: 26 },
    Address: { color: '#795548', shape: 'house', size: 22 },
    Phone: { color: '#00796b', shape: 'cross', size: 20 },
    Email: { color: '#00796b', shape: 'envelope', size: 20 },
    Carrier: { color: '#37474f', shape: 'parallelogram', size: 22 },
    Brand: { color: '#ad1457', shape: 'star', size: 26 },
    RightsHolder: { color: '#ad1457', shape: 'pentagon', size: 24 },
    Complaint: { color: '#c62828', shape: 'flag', size: 22 },
    Case: { color: '#283593', shape: 'document', size: 24 },
    Action: { color: '#283593', shape: 'bolt', size: 24 },
    Campaign: { color: '#283593', shape: 'octagon', size: 24 }
  };

  var UNAUTHORIZED = { color: '#d50000', shape: 'warning', size: 44 };

  function style(kind) {
    return KINDS[kind] || { color: '#616161', shape: 'circle', size: 22 };
  }

  function escape(text) {
    return String(text === null || text === undefined ? '' : text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function short(text, length) {
    text = String(text);
    return text.length > length ? text.slice(0, length - 1) + '…' : text;
  }

  function provenanceText(provenance) {
    if (!provenance) {
      return '';
    }
    return [provenance.source, provenance.observedAt, provenance.grade ? 'grade ' + provenance.grade : null]
      .filter(Boolean).join(' · ');
  }

  /** The words a node's marks add to its label and its row (so they never rely on colour). */
  function markWords(node) {
    var m = node.marks || {};
    var words = [];
    if (m.unauthorized) {
      words.push('⚠ unauthorized');
    }
    if (m.candidate) {
      words.push('candidate #' + m.candidate + ' (' + m.score.toFixed(3)
        + (typeof m.confidence === 'number' ? ', confidence ' + (100 * m.confidence).toFixed(1) + ' %' : '') + ')');
    }
    if (m.cutPoint) {
      words.push('✂ CUT: ' + m.action + ', cost ' + m.cost + (m.actingRegion ? ', ' + m.actingRegion + ' acts' : ''));
    }
    if (m.source) {
      words.push('source');
    }
    if (m.sink) {
      words.push('targeted listing');
    }
    if (m.alreadyCut) {
      words.push('already cut' + (typeof m.alreadyCut === 'string' ? ' (' + m.alreadyCut + ')' : ''));
    }
    if (m.uncuttable) {
      words.push('uncuttable');
    }
    if (m.strength !== undefined) {
      words.push('link strength ' + m.strength.toFixed(3));
    }
    if (m.root) {
      words.push('start');
    }
    return words;
  }

  function symbolOf(node) {
    if (node.group) {
      return style(node.kind);
    }
    return node.marks && node.marks.unauthorized ? UNAUTHORIZED : style(node.kind);
  }

  /**
   * The ECharts option for a drawable (model.drawable) with positions; `focus` = {nodeIds, edgeIds} of a
   * highlighted evidence path (others fade), `selected` = the selected node's id.
   */
  function option(drawn, positions, layout, focus, selected) {
    var many = drawn.nodes.length > 40;
    var index = {};
    var data = drawn.nodes.map(function (node, i) {
      index[node.id] = i;
      var s = symbolOf(node);
      var m = node.marks || {};
      var faded = focus && !focus.nodeIds[node.id];
      var important = m.unauthorized || m.cutPoint || m.root || m.candidate || node.group;
      var words = markWords(node);
      var size = node.group ? Math.min(70, 24 + 6 * Math.log(node.group.members.length + 1)) : s.size;
      var item = {
        id: node.id,
        name: node.id,
        symbol: 'path://' + SHAPES[node.group ? 'group' : s.shape],
        symbolSize: m.cutPoint ? size + 10 : size,
        itemStyle: {
          color: s.color,
          borderColor: m.cutPoint ? '#000' : (node.id === selected ? '#ffab00' : '#fff'),
          borderWidth: m.cutPoint ? 4 : (node.id === selected ? 4 : 1),
          borderType: m.cutPoint ? 'dashed' : 'solid',
          opacity: faded ? 0.15 : (m.alreadyCut ? 0.45 : 1)
        },
        label: {
          show: !many || important || (node.kind !== 'Listing' && node.kind !== 'Shipment'),
          position: 'bottom',
          formatter: (words.length && important ? words.filter(function (w) { return w !== 'start'; }).join(' · ') + '\n' : '')
            + short(node.label, 22),
          color: m.unauthorized || m.cutPoint ? '#000' : '#333',
          fontWeight: m.unauthorized || m.cutPoint ? 'bold' : 'normal',
          fontSize: 11
        }
      };
      if (positions[node.id]) {
        item.x = positions[node.id][0];
        item.y = positions[node.id][1];
      }
      return item;
    });
    var links = drawn.edges.filter(function (edge) {
      return index[edge.source] !== undefined && index[edge.target] !== undefined;
    }).map(function (edge) {
      var on = focus && focus.edgeIds[edge.id];
      var faded = focus && !on;
      var width = edge.strength !== undefined ? 1 + 6 * edge.strength : Math.min(6, 1 + Math.log(edge.count || 1));
      return {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        lineStyle: {
          color: on ? '#d50000' : (edge.type === 'SAME_OPERATOR' ? '#6a1b9a' : '#90a4ae'),
          width: on ? 4 : width,
          type: edge.strength !== undefined ? 'dashed' : 'solid',
          opacity: faded ? 0.12 : 0.9,
          curveness: 0.08
        },
        label: {
          show: edge.strength !== undefined || (on && !many),
          formatter: edge.strength !== undefined ? edge.strength.toFixed(2) : edge.type,
          fontSize: 10
        }
      };
    });
    return {
      animation: false,
      tooltip: { trigger: 'item', confine: true, enterable: false, formatter: st.draw.tooltip },
      series: [{
        type: 'graph',
        layout: layout === 'layered' ? 'none' : layout,
        circular: { rotateLabel: false },
        // ECharts runs its force simulation until the friction, multiplied by 0.992 a step, falls under 0.01:
        // from 0.6 that is ~510 steps, each over every pair of nodes. Large views start at 0.2 (~370 steps),
        // so 500 nodes lay out within 2 s (bench/run-viewer-layout.sh).
        force: { repulsion: 260, edgeLength: [60, 140], gravity: 0.08, layoutAnimation: false,
          friction: data.length > 250 ? 0.2 : 0.6 },
        roam: true,
        draggable: layout === 'force',
        // no box: ECharts then keeps the drawing's aspect, so shapes are not stretched
        labelLayout: { hideOverlap: true },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 7,
        emphasis: { focus: 'none', scale: 1.15 },
        data: data,
        links: links
      }]
    };
  }

  /** Filled in by viewer.js with the model being drawn, so the tooltip can say more than the drawing. */
  var lookup = { node: function () { return null; }, edge: function () { return null; } };

  function tooltip(params) {
    if (params.dataType === 'edge') {
      var edge = lookup.edge(params.data.id);
      if (!edge) {
        return '';
      }
      return '<b>' + escape(edge.type) + '</b><br>' + escape(edge.source) + ' → ' + escape(edge.target)
        + (edge.count > 1 ? '<br>' + escape(edge.count) + ' facts' : '')
        + (edge.strength !== undefined ? '<br>link strength ' + escape(edge.strength.toFixed(3)) : '')
        + (edge.properties ? '<br>' + escape(JSON.stringify(edge.properties)) : '')
        + '<br>provenance: ' + escape(provenanceText(edge.provenance) || (edge.count > 1 ? 'aggregated over its facts' : 'not recorded'));
    }
    var node = lookup.node(params.data.id);
    if (!node) {
      return '';
    }
    if (node.group) {
      return '<b>' + escape(node.label) + '</b><br>' + escape(node.group.members.length) + ' nodes; click to draw them one by one';
    }
    return '<b>' + escape(node.kind) + (node.sub ? ' (' + escape(node.sub) + ')' : '') + '</b> ' + escape(node.label)
      + '<br>' + escape(node.id)
      + (markWords(node).length ? '<br>' + escape(markWords(node).join(' · ')) : '')
      + '<br>provenance: ' + escape(provenanceText(node.provenance) || 'not recorded');
  }

  /** An inline SVG of a kind's shape in its colour, for the legend and the lists. */
  function swatch(kindStyle) {
    return '<svg class="st-swatch" viewBox="0 0 100 100" aria-hidden="true" focusable="false"><path fill-rule="nonzero" d="'
      + SHAPES[kindStyle.shape] + '" fill="' + kindStyle.color + '"/></svg>';
  }

  /** Legend entries for the kinds present (all when none given), and the marks. */
  function legend(kinds) {
    var names = kinds && kinds.length ? kinds : Object.keys(KINDS);
    var items = names.map(function (kind) {
      return '<li>' + swatch(style(kind)) + escape(kind) + '</li>';
    });
    items.push('<li>' + swatch(UNAUTHORIZED) + 'unauthorized source (warning sign, label "⚠ unauthorized")</li>');
    items.push('<li><span class="st-cut-swatch" aria-hidden="true"></span>cut point (dashed black ring, label "✂ CUT")</li>');
    items.push('<li><span class="st-path-swatch" aria-hidden="true"></span>highlighted evidence path</li>');
    items.push('<li>' + swatch({ shape: 'group', color: '#616161' }) + 'group of nodes in a large view (“Kind × count”; click to open)</li>');
    return items.join('');
  }

  st.draw = {
    KINDS: KINDS,
    style: style,
    option: option,
    tooltip: tooltip,
    lookup: lookup,
    legend: legend,
    swatch: swatch,
    escape: escape,
    markWords: markWords,
    provenanceText: provenanceText
  };
})(window.st);
