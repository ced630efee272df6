/*
 * The region page: regionOverview (suspect listings by platform type, status and reason, sub-regions,
 * flows between provinces) and campaignProgress (a time series with running totals) as charts, and the
 * same figures as tables.
 */
(function (st) {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var escape = st.draw.escape;
  var charts = {};
  var started = false;

  function chart(id) {
    if (!charts[id]) {
      charts[id] = echarts.init($(id));
      window.addEventListener('resize', function () { charts[id].resize(); });
    }
    return charts[id];
  }

  function bars(id, categories, series, horizontal) {
    var category = { type: 'category', data: categories, axisLabel: { interval: 0, rotate: horizontal ? 0 : 30, fontSize: 10 } };
    var value = { type: 'value', minInterval: 1 };
    chart(id).setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: horizontal ? 110 : 50, right: 20, top: 30, bottom: horizontal ? 30 : 70 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? Object.assign({}, category, { inverse: true, axisLabel: { fontSize: 10 } }) : value,
      series: series.map(function (s) { return { type: 'bar', name: s.name, data: s.data, label: { show: true, position: horizontal ? 'right' : 'top', fontSize: 10 } }; })
    }, { notMerge: true });
  }

  function table(caption, headers, rows) {
    return '<table class="st-figures"><caption>' + escape(caption) + '</caption><thead><tr>'
      + headers.map(function (h) { return '<th scope="col">' + escape(h) + '</th>'; }).join('') + '</tr></thead><tbody>'
      + rows.map(function (row) { return '<tr>' + row.map(function (cell) { return '<td>' + escape(cell) + '</td>'; }).join('') + '</tr>'; }).join('')
      + '</tbody></table>';
  }

  function flowName(flow) {
    return flow.from.name + ' → ' + flow.to.name + (flow.via === 'BUYER' ? ' (buyers)' : '');
  }

  function drawOverview(o) {
    $('region-title').textContent = o.region.name + ' (' + o.region.code + ', ' + o.region.level + '): ' + o.listings.total
      + ' listings, ' + o.listings.suspect + ' suspect';
    var types = o.listings.suspectByPlatformType;
    bars('chart-platforms', types.map(function (t) { return t.type; }), [{ name: 'suspect listings', data: types.map(function (t) { return t.count; }) }]);
    var status = o.listings.suspectByStatus.map(function (s) { return [s.status, s.count]; })
      .concat(o.listings.suspectByReason.map(function (r) { return [r.reason, r.count]; }));
    bars('chart-status', status.map(function (s) { return s[0]; }), [{ name: 'suspect listings', data: status.map(function (s) { return s[1]; }) }]);
    var subs = o.subRegions.slice(0, 15);
    bars('chart-subregions', subs.map(function (s) { return s.region.name; }), [
      { name: 'listings', data: subs.map(function (s) { return s.listings; }) },
      { name: 'suspect', data: subs.map(function (s) { return s.suspectListings; }) }], true);
    var flows = o.flowsOut.slice(0, 8).concat(o.flowsIn.slice(0, 4));
    bars('chart-flows', flows.map(flowName), [
      { name: 'listings', data: flows.map(function (f) { return f.listings; }) },
      { name: 'unauthorized source', data: flows.map(function (f) { return f.unauthorizedListings; }) }], true);
    return table('Suspect listings by platform type', ['platform type', 'suspect listings'], types.map(function (t) { return [t.type, t.count]; }))
      + table('Suspect listings by status and reason', ['status or reason', 'suspect listings'], status)
      + table('Sites and operators', ['what', 'total', 'raided / persons', 'unauthorized sources / companies'], [
        ['factories', o.factories.total, o.factories.raided, o.factories.unauthorizedSources],
        ['warehouses', o.warehouses.total, o.warehouses.raided, ''],
        ['operators', o.operators.total, o.operators.persons, o.operators.companies]])
      + table('Sub-regions', ['region', 'listings', 'suspect'], o.subRegions.map(function (s) { return [s.region.name, s.listings, s.suspectListings]; }))
      + table('Flows out (from sources here)', ['flow', 'listings', 'unauthorized', 'parcels'],
        o.flowsOut.map(function (f) { return [flowName(f), f.listings, f.unauthorizedListings, f.parcels]; }))
      + table('Flows in (sources elsewhere)', ['flow', 'listings', 'unauthorized', 'parcels'],
        o.flowsIn.map(function (f) { return [flowName(f), f.listings, f.unauthorizedListings, f.parcels]; }));
  }

  var SERIES = ['takedowns', 'raids', 'seizures', 'accountsFrozen', 'assistanceSent', 'listingsDisconnected'];

  function drawProgress(p) {
    var steps = p.series.map(function (s) { return s.startsOn; });
    chart('chart-progress').setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: 70, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: steps },
      yAxis: [{ type: 'value', name: 'count', minInterval: 1 }, { type: 'value', name: 'CNY seized (running)' }],
      series: SERIES.map(function (name) {
        return { type: 'bar', name: name, data: p.series.map(function (s) { return s.counts[name]; }) };
      }).concat([{ type: 'line', name: 'listings disconnected (running)', data: p.series.map(function (s) { return s.cumulative.listingsDisconnected; }) },
        { type: 'line', name: 'value seized (running)', yAxisIndex: 1, data: p.series.map(function (s) { return s.cumulative.valueSeized; }) }])
    }, { notMerge: true });
    return table('Campaign progress: ' + p.campaign.name + ' by ' + p.interval, ['step'].concat(SERIES, ['value seized', 'cases opened', 'cases closed']),
      p.series.map(function (s) {
        return [s.startsOn + ' – ' + s.endsOn].concat(SERIES.map(function (n) { return s.counts[n]; }),
          [s.counts.valueSeized, s.counts.casesOpened, s.counts.casesClosed]);
      }).concat([['total'].concat(SERIES.map(function (n) { return p.totals[n]; }), [p.totals.valueSeized, p.totals.casesOpened, p.totals.casesClosed])]));
  }

  function show() {
    var code = $('region-code').value.trim();
    var campaign = $('campaign').value;
    var message = $('region-message');
    message.textContent = 'Reading…';
    var overview = st.api.regionOverview(code).then(function (answer) {
      if (!answer.data.regionOverview) {
        throw new Error('No region has the code ' + code + '.');
      }
      return drawOverview(answer.data.regionOverview);
    });
    var progress = campaign ? st.api.campaignProgress(campaign, code, $('interval').value).then(function (answer) {
      return answer.data.campaignProgress ? drawProgress(answer.data.campaignProgress) : '';
    }).catch(function (error) { return '<p class="st-error">Campaign progress: ' + escape(error.message) + '</p>'; }) : Promise.resolve('');
    return Promise.all([overview, progress]).then(function (parts) {
      $('region-text').innerHTML = parts.join('');
      message.textContent = '';
      document.body.dataset.region = code;
    }).catch(function (error) {
      message.textContent = error.message;
    });
  }

  st.region = {
    init: function (setup) {
      $('region-code').value = (setup.user && setup.user.regionCode) || '440000';
      $('region-form').addEventListener('submit', function (event) {
        event.preventDefault();
        show();
      });
    },
    open: function () {
      Object.keys(charts).forEach(function (id) { charts[id].resize(); });
      if (started) {
        return;
      }
      started = true;
      st.api.campaigns().then(function (answer) {
        $('campaign').innerHTML = '<option value="">(none)</option>' + answer.data.campaigns.nodes.map(function (c) {
          return '<option value="' + escape(c.campaignId) + '">' + escape(c.name || c.campaignId) + '</option>';
        }).join('');
        if (answer.data.campaigns.nodes.length) {
          $('campaign').value = answer.data.campaigns.nodes[0].campaignId;
        }
      }).catch(function () {
        $('campaign').innerHTML = '<option value="">(none)</option>';
      }).then(show);
    },
    charts: function () { return charts; }
  };
})(window.st);
