/*
 * The viewer's GraphQL calls: same-origin requests with the session cookie and the CSRF header, and the
 * documents it sends (schema/graphql/*.graphqls has their shapes). Values always travel as variables;
 * only field names from the constant tables below are put into a document.
 */
(function (st) {
  'use strict';

  var endpoint = 'graphql';

  // Spring Security's cookie CSRF repository publishes its token in XSRF-TOKEN; echo it when present.
  function csrfHeaders() {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? { 'X-XSRF-TOKEN': decodeURIComponent(match[1]) } : {};
  }

  function sameOriginFetch(input, init) {
    var options = Object.assign({}, init, { credentials: 'same-origin' });
    options.headers = Object.assign({}, csrfHeaders(), init && init.headers);
    return fetch(input, options);
  }

  /** Posts a document; resolves with {data, errors} (errors may come with partial data), rejects on HTTP failure. */
  function graphql(query, variables) {
    return sameOriginFetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query: query, variables: variables || {} })
    }).then(function (response) {
      if (response.status === 401) {
        window.location.assign('login');
        throw new Error('signed out');
      }
      if (!response.ok) {
        throw new Error('the service answered HTTP ' + response.status);
      }
      return response.json();
    }).then(function (answer) {
      if (!answer.data && answer.errors) {
        throw new Error(answer.errors.map(function (e) { return e.message; }).join('; '));
      }
      return answer;
    });
  }

  // Provenance and any entity, with aliases where two types name a field alike with different types.
  var FRAGMENTS = [
    'fragment P on Provenance { source observedAt grade }',
    'fragment E on Entity { __typename',
    ' ... on Platform { platformId platformName: name platformType: type provenance { ...P } }',
    ' ... on Listing { listingId title listingStatus: status price currency provenance { ...P } }',
    ' ... on Account { accountId accountKind: kind handle displayName accountStatus: status provenance { ...P } }',
    ' ... on Seller { sellerId name sellerKind: kind provenance { ...P } }',
    ' ... on Phone { number provenance { ...P } }',
    ' ... on Email { address provenance { ...P } }',
    ' ... on Address { addressId text regionCode provenance { ...P } }',
    ' ... on Shipment { waybillNo leg shippedAt declaredContents provenance { ...P } }',
    ' ... on Carrier { carrierId name provenance { ...P } }',
    ' ... on Warehouse { warehouseId name regionCode provenance { ...P } }',
    ' ... on Factory { factoryId name regionCode provenance { ...P } }',
    ' ... on Brand { brandId name provenance { ...P } }',
    ' ... on RightsHolder { holderId name provenance { ...P } }',
    ' ... on Complaint { complaintId filedAt provenance { ...P } }',
    ' ... on Region { code regionName: name level provenance { ...P } }',
    ' ... on Case { caseId title caseStatus: status regionCode provenance { ...P } }',
    ' ... on Action { actionId actionType: type actionStatus: status regionCode provenance { ...P } }',
    ' ... on Campaign { campaignId name provenance { ...P } }',
    '}'
  ].join('\n');

  /** The natural key property of each node kind (graph/Kind.java), by label. */
  var KEYS = {
    Platform: 'platformId', Listing: 'listingId', Account: 'accountId', Seller: 'sellerId', Phone: 'number',
    Email: 'address', Address: 'addressId', Shipment: 'waybillNo', Carrier: 'carrierId', Warehouse: 'warehouseId',
    Factory: 'factoryId', Brand: 'brandId', RightsHolder: 'holderId', Complaint: 'complaintId', Region: 'code',
    Case: 'caseId', Action: 'actionId', Campaign: 'campaignId'
  };

  /** The lookup query field of each kind. */
  var LOOKUPS = {
    Platform: 'platform', Listing: 'listing', Account: 'account', Seller: 'seller', Phone: 'phone', Email: 'email',
    Address: 'address', Shipment: 'shipment', Carrier: 'carrier', Warehouse: 'warehouse', Factory: 'factory',
    Brand: 'brand', RightsHolder: 'rightsHolder', Complaint: 'complaint', Region: 'region', Case: 'case',
    Action: 'action', Campaign: 'campaign'
  };

  /**
   * The relationship fields of each kind (schema/graphql/domain.graphqls) that expanding a node follows:
   * field, relationship type, whether the relationship points away from the node (out) or at it, and
   * whether it is a connection (many, paged) or a single node. PAID fields reach the other account
   * through a Payment.
   */
  var RELATIONS = {
    Platform: [['listings', 'ON', false, true]],
    Listing: [['platform', 'ON', true, false], ['postedBy', 'POSTED_BY', true, false], ['brand', 'CLAIMS_BRAND', true, false],
      ['shipments', 'FULFILLS', false, true], ['complaints', 'AGAINST', false, true], ['cases', 'CONCERNS', false, true],
      ['actions', 'TARGETS', false, true]],
    Account: [['controlledBy', 'CONTROLS', false, false], ['listings', 'POSTED_BY', false, true], ['phones', 'HAS_PHONE', true, true],
      ['emails', 'HAS_EMAIL', true, true], ['addresses', 'LOCATED_AT', true, true], ['paymentsMade', 'PAID', true, true],
      ['paymentsReceived', 'PAID', false, true], ['shipmentsSent', 'SENT_BY', false, true], ['cases', 'CONCERNS', false, true],
      ['actions', 'TARGETS', false, true]],
    Seller: [['accounts', 'CONTROLS', true, true], ['phones', 'HAS_PHONE', true, true], ['emails', 'HAS_EMAIL', true, true],
      ['addresses', 'LOCATED_AT', true, true], ['warehouses', 'OPERATED_BY', false, true], ['factories', 'OPERATED_BY', false, true],
      ['authorizedBy', 'AUTHORIZES', false, true], ['cases', 'CONCERNS', false, true], ['actions', 'TARGETS', false, true]],
    Phone: [['sellers', 'HAS_PHONE', false, true], ['accounts', 'HAS_PHONE', false, true]],
    Email: [['sellers', 'HAS_EMAIL', false, true], ['accounts', 'HAS_EMAIL', false, true]],
    Address: [['region', 'IN_REGION', true, false], ['sellers', 'LOCATED_AT', false, true], ['accounts', 'LOCATED_AT', false, true],
      ['warehouses', 'LOCATED_AT', false, true], ['factories', 'LOCATED_AT', false, true],
      ['shipmentsFrom', 'FROM', false, true], ['shipmentsTo', 'TO', false, true]],
    Shipment: [['from', 'FROM', true, false], ['to', 'TO', true, false], ['carrier', 'CARRIED_BY', true, false],
      ['sentBy', 'SENT_BY', true, false], ['fulfills', 'FULFILLS', true, true]],
    Carrier: [['shipments', 'CARRIED_BY', false, true]],
    Warehouse: [['region', 'IN_REGION', true, false], ['address', 'LOCATED_AT', true, false], ['operatedBy', 'OPERATED_BY', true, false],
      ['inbound', 'TO', false, true], ['outbound', 'FROM', false, true], ['cases', 'CONCERNS', false, true], ['actions', 'TARGETS', false, true]],
    Factory: [['region', 'IN_REGION', true, false], ['address', 'LOCATED_AT', true, false], ['operatedBy', 'OPERATED_BY', true, false],
      ['shipments', 'FROM', false, true], ['authorizedBy', 'AUTHORIZES', false, true], ['cases', 'CONCERNS', false, true],
      ['actions', 'TARGETS', false, true]],
    Brand: [['owner', 'OWNS', false, false], ['listings', 'CLAIMS_BRAND', false, true]],
    RightsHolder: [['brands', 'OWNS', true, true], ['authorizedFactories', 'AUTHORIZES', true, true],
      ['authorizedSellers', 'AUTHORIZES', true, true], ['complaints', 'FILED_BY', false, true]],
    Complaint: [['filedBy', 'FILED_BY', true, false], ['against', 'AGAINST', true, true]],
    Region: [['parent', 'PART_OF', true, false], ['children', 'PART_OF', false, true], ['addresses', 'IN_REGION', false, true],
      ['warehouses', 'IN_REGION', false, true], ['factories', 'IN_REGION', false, true],
      ['actionsRequested', 'REQUESTED_BY', false, true], ['actionsAssigned', 'ASSIGNED_TO', false, true]],
    Case: [['campaign', 'IN_CAMPAIGN', true, false], ['concerns', 'CONCERNS', true, true], ['actions', 'IN_CASE', false, true]],
    Action: [['case', 'IN_CASE', true, false], ['targets', 'TARGETS', true, true], ['requestedBy', 'REQUESTED_BY', true, false],
      ['assignedTo', 'ASSIGNED_TO', true, false]],
    Campaign: [['cases', 'IN_CAMPAIGN', false, true]]
  };

  var SEARCH = 'query ViewerSearch($text: String!, $first: Int!) { search(text: $text, first: $first) {'
    + ' edges { kind score node { ...E } } } }\n' + FRAGMENTS;

  var FACTORY = 'query ViewerFactory($factoryId: ID!) { factory(factoryId: $factoryId) { ...E } }\n' + FRAGMENTS;

  var PATH_NODE = 'id kind key label entity { ...E }';

  var TRACE = 'query ViewerTrace($listingId: ID!) { traceSource(listingId: $listingId) { explanation truncated'
    + ' listing { ...E brand { name } }'
    + ' candidates { rank score confidence explanation unauthorized evidenceKinds factory { factoryId name } region { name }'
    + '  paths { kind nodes { ' + PATH_NODE + ' } relationships { type startId endId properties provenance { ...P } } } } } }\n'
    + FRAGMENTS;

  var NETWORK = 'query ViewerNetwork($factoryId: ID!) { distributionNetwork(factoryId: $factoryId) { truncated'
    + ' factory { ...E } totals { warehouses operators storefronts activeListings inactiveListings platforms regions }'
    + ' nodes { ' + PATH_NODE + ' } edges { source target type count } } }\n' + FRAGMENTS;

  var CLUSTER = 'query ViewerCluster($sellerId: ID!) { operatorCluster(sellerId: $sellerId) { truncated'
    + ' seller { ...E } members { strength seller { ...E } links { kind sharedBy weight via { ...E } } } } }\n' + FRAGMENTS;

  var CUT_POINT = 'id kind key label cutKind action cost regionCode listingsCutOff'
    + ' region { code name } city { code name } province { code name }';

  var CUT = 'query ViewerCut($input: CutPlanInput!) { cutPlan(input: $input) {'
    + ' totalCost maxFlow pointCount listingsTargeted listingsDisconnected listingsAlreadyDisconnected'
    + ' notDisconnectableCount alreadyCutCount sourceFactoryIds truncated truncation'
    + ' points(first: 1000) { ' + CUT_POINT + ' }'
    + ' regions(level: PROVINCE) { regionCode region { name } cost points { id } }'
    + ' assistanceRequests { from { name } to { name } toProvince { name } kind cost points { id } }'
    + ' notDisconnectable(first: 20) { listingId reason }'
    + ' graph(first: 2000) { nodeCount edgeCount truncated'
    + '  nodes { id kind key label cutKind cost regionCode source sink cutPoint alreadyCut alreadyCutReason uncuttable }'
    + '  edges { source target type count } } } }';

  var REGION = 'query ViewerRegion($code: ID!) { regionOverview(code: $code) {'
    + ' region { code name level }'
    + ' listings { total suspect suspectByPlatformType { type count } suspectByStatus { status count } suspectByReason { reason count } }'
    + ' factories { total raided unauthorizedSources } warehouses { total raided }'
    + ' operators { total persons companies withSuspectListings } valueSeized'
    + ' flowsOut { from { name } to { name } via listings unauthorizedListings parcels }'
    + ' flowsIn { from { name } to { name } via listings unauthorizedListings parcels }'
    + ' subRegions { region { code name } listings suspectListings } suspicionComputedAt } }';

  var COUNTS = 'casesOpened casesClosed takedowns raids seizures valueSeized accountsFrozen assistanceSent assistanceCompleted listingsDisconnected';

  var PROGRESS = 'query ViewerProgress($campaignId: ID!, $regionCode: ID, $interval: ProgressInterval) {'
    + ' campaignProgress(campaignId: $campaignId, regionCode: $regionCode, interval: $interval) {'
    + ' campaign { campaignId name startsOn endsOn } interval'
    + ' series { startsOn endsOn counts { ' + COUNTS + ' } cumulative { ' + COUNTS + ' } } totals { ' + COUNTS + ' } } }';

  var CAMPAIGNS = 'query ViewerCampaigns { campaigns(first: 100) { nodes { campaignId name startsOn endsOn } } }';

  var PAGE_SIZE = 10;

  /**
   * The document that expands a node of a kind: every relationship field on the first call, then only the
   * connections that have more (cursors in `after`, by field). Answers come back under alias `n`.
   */
  function expandDocument(kind, after) {
    var relations = RELATIONS[kind] || [];
    var variables = [];
    var fields = [];
    relations.forEach(function (relation, index) {
      var field = relation[0];
      var many = relation[3];
      if (after && !(field in after)) {
        return; // a later page: only the connections that said they have more
      }
      if (!many) {
        fields.push('f' + index + ': ' + field + ' { ...E }');
        return;
      }
      variables.push('$a' + index + ': String');
      var edge = (relation[1] === 'PAID')
        ? 'edges { node { amount currency at provenance { ...P } other: ' + (relation[2] ? 'to' : 'from') + ' { ...E } } }'
        : 'edges { provenance { ...P } node { ...E } }';
      fields.push('f' + index + ': ' + field + '(first: $first, after: $a' + index + ') { totalCount pageInfo { hasNextPage endCursor } ' + edge + ' }');
    });
    var declared = ['$key: ID!', '$first: Int!'].concat(variables).join(', ');
    return 'query ViewerExpand(' + declared + ') { n: ' + LOOKUPS[kind] + '(' + KEYS[kind] + ': $key) { '
      + (fields.length ? fields.join(' ') : '__typename') + ' } }\n' + FRAGMENTS;
  }

  function expandVariables(key, after) {
    var variables = { key: key, first: PAGE_SIZE };
    if (after) {
      Object.keys(after).forEach(function (field) {
        variables['a' + after[field].index] = after[field].cursor;
      });
    }
    return variables;
  }

  st.api = {
    KEYS: KEYS,
    RELATIONS: RELATIONS,
    PAGE_SIZE: PAGE_SIZE,
    setEndpoint: function (path) { endpoint = path; },
    fetch: sameOriginFetch,
    graphql: graphql,
    search: function (text) { return graphql(SEARCH, { text: text, first: 10 }); },
    factory: function (factoryId) { return graphql(FACTORY, { factoryId: factoryId }); },
    trace: function (listingId) { return graphql(TRACE, { listingId: listingId }); },
    network: function (factoryId) { return graphql(NETWORK, { factoryId: factoryId }); },
    cluster: function (sellerId) { return graphql(CLUSTER, { sellerId: sellerId }); },
    cutPlan: function (input) { return graphql(CUT, { input: input }); },
    regionOverview: function (code) { return graphql(REGION, { code: code }); },
    campaignProgress: function (campaignId, regionCode, interval) {
      return graphql(PROGRESS, { campaignId: campaignId, regionCode: regionCode || null, interval: interval });
    },
    campaigns: function () { return graphql(CAMPAIGNS, {}); },
    /** after: {field: {index, cursor}} of the connections to page on, or null for the first call. */
    expand: function (kind, key, after) {
      return graphql(expandDocument(kind, after), expandVariables(key, after));
    }
  };
})(window.st = window.st || {});
