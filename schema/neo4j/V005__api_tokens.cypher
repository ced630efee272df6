// API tokens of other systems (security): the secret is never stored, only its SHA-256.
CREATE CONSTRAINT api_token_key IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.tokenId IS UNIQUE;
