/*
 * SourceTrace's GraphQL explorer: GraphiQL (docs, history, prettify, variables, headers) served by the
 * service itself, opening with the investigators' example operations from schema/graphql/examples/.
 * Plain browser JavaScript over the globals React, ReactDOM and GraphiQL, so the build needs no Node.js.
 */
(function () {
  'use strict';

  var h = React.createElement;
  var container = document.getElementById('graphiql');

  // Spring Security's cookie CSRF repository publishes its token in XSRF-TOKEN; echo it when present.
  function csrfHeaders() {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? { 'X-XSRF-TOKEN': decodeURIComponent(match[1]) } : {};
  }

  // Same-origin requests carrying the browser's session cookie: credentials never go into a URL.
  function sameOriginFetch(input, init) {
    var options = Object.assign({}, init, { credentials: 'same-origin' });
    options.headers = Object.assign({}, csrfHeaders(), init && init.headers);
    return fetch(input, options);
  }

  function examplesIcon() {
    return h('svg', { viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': true },
      h('path', { d: 'M5 4h11l3 3v13H5z M8 10h8 M8 14h8 M8 18h5' }));
  }

  function examplesPlugin(examples) {
    function ExamplesPanel() {
      var editors = GraphiQL.React.useEditorContext({ nonNull: true });

      function open(example) {
        editors.addTab();
        // addTab fills the new tab's editors when React applies it; write the example after that.
        setTimeout(function () {
          editors.queryEditor && editors.queryEditor.setValue(example.query);
          editors.variableEditor && editors.variableEditor.setValue(example.variables || '');
        }, 0);
      }

      return h('div', null,
        h('div', { className: 'graphiql-doc-explorer-title' }, 'Examples'),
        h('div', { className: 'st-examples' }, examples.map(function (example) {
          return h('section', { className: 'st-example', key: example.name },
            h('h3', null, example.title),
            example.description ? h('p', null, example.description) : null,
            h(GraphiQL.React.Button, { type: 'button', onClick: function () { open(example); } }, 'Open in a new tab'));
        })));
    }

    return { title: 'Examples', icon: examplesIcon, content: ExamplesPanel };
  }

  // GraphiQL 3.2 takes the first tab's variables from its storage only, not from defaultTabs:
  // on a first visit (no tabs stored yet) put the first example's variables there.
  function seedFirstVisit(examples) {
    try {
      if (examples.length > 0 && examples[0].variables && localStorage.getItem('graphiql:tabState') === null) {
        localStorage.setItem('graphiql:variables', examples[0].variables);
      }
    }
    catch (storageDisabled) {
      // the first tab then starts without its variables
    }
  }

  function render(setup) {
    seedFirstVisit(setup.examples);
    var fetcher = GraphiQL.createFetcher({
      url: setup.endpoint,
      fetch: sameOriginFetch,
      enableIncrementalDelivery: false
    });
    var tabs = setup.examples.map(function (example) {
      return { query: example.query, variables: example.variables || undefined };
    });
    var plugins = [examplesPlugin(setup.examples)];
    ReactDOM.createRoot(container).render(h(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: tabs.length > 0 ? tabs : undefined,
      plugins: plugins,
      defaultEditorToolsVisibility: true,
      // Headers may hold a token: keep them out of the browser's storage.
      shouldPersistHeaders: false
    }, h(GraphiQL.Logo, null, signedIn(setup))));
  }

  // Who is signed in (their roles decide what the operations answer), and the way out.
  function signedIn(setup) {
    if (!setup.user) {
      return 'SourceTrace';
    }
    var who = setup.user.name + ' · ' + setup.user.roles.join(', ') + (setup.user.regionCode ? ' · ' + setup.user.regionCode : '');
    return h('span', { className: 'st-user' },
      h('span', { className: 'st-brand' }, 'SourceTrace'),
      h('span', { className: 'st-who', title: 'signed in' }, who),
      h('button', { type: 'button', className: 'st-logout', onClick: function () { logout(setup.logout); } }, 'Sign out'));
  }

  function logout(path) {
    sameOriginFetch(path, { method: 'POST' }).then(function () {
      window.location.assign(path.replace(/\/logout$/, '/login?logout'));
    });
  }

  function fail(message) {
    container.textContent = '';
    var p = document.createElement('p');
    p.className = 'st-failure';
    p.textContent = 'The explorer could not start: ' + message;
    container.appendChild(p);
  }

  sameOriginFetch('setup.json', { headers: { Accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('setup.json answered HTTP ' + response.status);
      }
      return response.json();
    })
    .then(render)
    .catch(function (error) { fail(error.message); });
})();
