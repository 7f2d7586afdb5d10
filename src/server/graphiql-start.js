// Starts GraphiQL (served by src/server/explorer.ts) in the page's #graphiql element. A file of its
// own, not an inline script, so the page's Content-Security-Policy allows scripts from this origin only.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      // The README's example queries, one tab each, on a first visit; GraphiQL keeps the tabs a
      // visitor then edits in the browser's storage.
      defaultTabs: config.tabs,
      defaultQuery: '# Write a query here; the README\'s example queries are open in the other tabs.\n',
      shouldPersistHeaders: false,
    }),
  );
})();
