// The Neo4j GraphQL Library peer of bench/run-speed.sh: @neo4j/graphql 7 with Apollo Server 5 on loopback, over
// the running SourceTrace service's embedded Neo4j (its Bolt port). Run only by the bench.
//
//   BOLT_URL=bolt://127.0.0.1:17799 BOLT_PASSWORD_FILE=<db>/bolt-password PORT=18299 node server.mjs
//   node server.mjs --print-schema     (the generated schema, to see the library's argument names)
import fs from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { printSchema } from 'graphql';
import neo4j from 'neo4j-driver';

const typeDefs = fs.readFileSync(new URL('./typeDefs.graphql', import.meta.url), 'utf8');

if (process.argv.includes('--print-schema')) {
  console.log(printSchema(await new Neo4jGraphQL({ typeDefs }).getSchema()));
  process.exit(0);
}

const password = fs.readFileSync(process.env.BOLT_PASSWORD_FILE, 'utf8').trim();
const driver = neo4j.driver(process.env.BOLT_URL ?? 'bolt://127.0.0.1:17799', neo4j.auth.basic('neo4j', password),
  { maxConnectionPoolSize: 64 });
await driver.verifyConnectivity();
const library = new Neo4jGraphQL({ typeDefs, driver });
const schema = await library.getSchema();

// What the library asks of the database: it runs `CALL dbms.components()` once (the version decides its Cypher);
// checkNeo4jCompat() also wants the APOC functions apoc.util.validatePredicate and apoc.date.convertFormat, which
// the embedded store has not (they serve @authorization and some temporal filters, neither used here).
try {
  await library.checkNeo4jCompat();
  console.error('[library] checkNeo4jCompat: OK');
} catch (e) {
  console.error('[library] checkNeo4jCompat: ' + e.message.replace(/\n/g, ' | '));
}

const server = new ApolloServer({ schema, includeStacktraceInErrorResponses: false });
const port = Number(process.env.PORT ?? 18299);
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port } });
console.error(`[library] @neo4j/graphql ready at ${url} (pid ${process.pid})`);

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, async () => {
    await server.stop();
    await driver.close();
    process.exit(0);
  });
}
