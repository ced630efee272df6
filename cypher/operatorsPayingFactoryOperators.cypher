// name: operatorsPayingFactoryOperators
// description: Sellers whose PAYMENT accounts paid an account controlled by the operator of a factory:
//   money flowing from the online shop to the production site (PAYMENT evidence), even where no parcel
//   is in any logistics feed. One row per paying seller and factory operator, biggest totals first.
// param: minPayments Integer 1 1..100000 - at least this many payments between the two
// param: limit Integer 500 1..10000 - at most this many rows
// returns: sellerId - the paying seller
// returns: seller - its name
// returns: factoryOperatorId - the seller operating the factories, who was paid
// returns: factoryOperator - its name
// returns: factories - the factories OPERATED_BY the payee, sorted
// returns: payingAccounts - the payer's PAYMENT accounts that paid, sorted
// returns: payments - how many payments
// returns: amount - their total amount (in the payments' currency, CNY in generated data)
// returns: firstPaidAt - the earliest payment
// returns: lastPaidAt - the latest payment
MATCH (o:Seller)<-[:OPERATED_BY]-(:Factory)
WITH DISTINCT o
MATCH (o)-[:CONTROLS]->(:Account)<-[pay:PAID]-(p:Account {kind: 'PAYMENT'})<-[:CONTROLS]-(s:Seller)
WHERE s <> o
WITH s, o, count(pay) AS payments, sum(pay.amount) AS amount, min(pay.at) AS firstPaidAt, max(pay.at) AS lastPaidAt,
     collect(DISTINCT p.accountId) AS accounts
WHERE payments >= $minPayments
RETURN s.sellerId AS sellerId, s.name AS seller, o.sellerId AS factoryOperatorId, o.name AS factoryOperator,
       COLLECT { MATCH (f:Factory)-[:OPERATED_BY]->(o) RETURN f.factoryId AS id ORDER BY id } AS factories,
       COLLECT { UNWIND accounts AS a RETURN a ORDER BY a } AS payingAccounts,
       payments, amount, firstPaidAt, lastPaidAt
ORDER BY amount DESC, sellerId, factoryOperatorId
LIMIT $limit
