// Full-text indexes behind the search query: listing titles, seller and account names/handles, address text.
// The CJK analyzer indexes Chinese text as overlapping bigrams and Latin text as words, so both scripts match.
CREATE FULLTEXT INDEX listing_text IF NOT EXISTS FOR (n:Listing) ON EACH [n.title]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX seller_text IF NOT EXISTS FOR (n:Seller) ON EACH [n.name]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX account_text IF NOT EXISTS FOR (n:Account) ON EACH [n.handle, n.displayName]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX address_text IF NOT EXISTS FOR (n:Address) ON EACH [n.text]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
