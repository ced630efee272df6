/*
 * Exports of the current view, made in the browser: the picture as PNG (ECharts' getDataURL), the data as
 * JSON (the model: nodes, edges, marks, provenance) and as GraphML (for Gephi or yEd).
 */
(function (st) {
  'use strict';

  function xml(text) {
    return String(text === null || text === undefined ? '' : text)
      // characters XML 1.0 does not allow at all
      .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDBFF\uDC00-\uDFFF]/g, '')
      .replace(/[&<>"']/g, function (c) {
        return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }[c];
      });
  }

  /** The model as plain data: what was asked, and every node and edge with its marks and provenance. */
  function json(model) {
    return JSON.stringify({
      view: model.view,
      exportedAt: new Date().toISOString(),
      nodes: model.nodes.map(function (node) {
        return { id: node.id, kind: node.kind, key: node.key, label: node.label, sub: node.sub, regionCode: node.regionCode,
          provenance: node.provenance, properties: node.props, marks: node.marks };
      }),
      edges: model.edges.map(function (edge) {
        return { id: edge.id, source: edge.source, target: edge.target, type: edge.type, count: edge.count,
          strength: edge.strength, properties: edge.properties || null, provenance: edge.provenance || null };
      }),
      paths: model.paths,
      cut: model.cut
    }, null, 2);
  }

  var NODE_KEYS = [['kind', 'string'], ['key', 'string'], ['label', 'string'], ['sub', 'string'], ['regionCode', 'string'],
    ['marks', 'string'], ['source', 'string'], ['observedAt', 'string'], ['grade', 'string']];
  var EDGE_KEYS = [['type', 'string'], ['count', 'int'], ['strength', 'double'], ['properties', 'string'],
    ['source', 'string'], ['observedAt', 'string'], ['grade', 'string']];

  function data(key, value) {
    return value === null || value === undefined || value === '' ? '' : '<data key="' + key + '">' + xml(value) + '</data>';
  }

  /** GraphML 1.0: one <node> per node and one <edge> per edge of the model, attributes declared as keys. */
  function graphml(model) {
    var lines = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        + ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'];
    NODE_KEYS.forEach(function (k) {
      lines.push('  <key id="n_' + k[0] + '" for="node" attr.name="' + k[0] + '" attr.type="' + k[1] + '"/>');
    });
    EDGE_KEYS.forEach(function (k) {
      lines.push('  <key id="e_' + k[0] + '" for="edge" attr.name="' + k[0] + '" attr.type="' + k[1] + '"/>');
    });
    lines.push('  <graph id="' + xml(model.view.type) + '" edgedefault="directed">');
    model.nodes.forEach(function (node) {
      var p = node.provenance || {};
      lines.push('    <node id="' + xml(node.id) + '">' + data('n_kind', node.kind) + data('n_key', node.key)
        + data('n_label', node.label) + data('n_sub', node.sub) + data('n_regionCode', node.regionCode)
        + data('n_marks', st.draw.markWords(node).join('; ')) + data('n_source', p.source)
        + data('n_observedAt', p.observedAt) + data('n_grade', p.grade) + '</node>');
    });
    model.edges.forEach(function (edge, i) {
      var p = edge.provenance || {};
      lines.push('    <edge id="e' + i + '" source="' + xml(edge.source) + '" target="' + xml(edge.target) + '">'
        + data('e_type', edge.type) + data('e_count', edge.count) + data('e_strength', edge.strength)
        + data('e_properties', edge.properties ? JSON.stringify(edge.properties) : null)
        + data('e_source', p.source) + data('e_observedAt', p.observedAt) + data('e_grade', p.grade) + '</edge>');
    });
    lines.push('  </graph>', '</graphml>');
    return lines.join('\n') + '\n';
  }

  function png(chart) {
    return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  }

  /** Saves a blob or data URL under a file name, as the browser's download. */
  function download(name, content, type) {
    var url = typeof content === 'string' && content.indexOf('data:') === 0 ? content
      : URL.createObjectURL(new Blob([content], { type: type }));
    var link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    if (url.indexOf('blob:') === 0) {
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    }
  }

  function fileName(model, extension) {
    var base = (model.view.type + '-' + (model.view.root || model.view.title || 'view')).replace(/[^A-Za-z0-9_.-]+/g, '_');
    return 'sourcetrace-' + base + '.' + extension;
  }

  st.exports = { json: json, graphml: graphml, png: png, download: download, fileName: fileName };
})(window.st);
