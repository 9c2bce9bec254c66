// The Microsoft 365 Agents SDK peer for tests/scripts/peer-bench.sh: the smallest bot that answers
// `help` in a Teams channel. JWT validation is the SDK's own (authorizeJWT), pointed at the
// benchmark's local authority (its JWKS at <authority>/discovery/v2.0/keys) through the SDK's
// settings: tokens carry that authority's issuer, so buildJwksUri picks the local keys instead of
// login.botframework.com. Loopback only; settings come from the environment the driver sets.
const { PEER_PORT, PEER_APP_ID, PEER_APP_PASSWORD, PEER_TENANT, PEER_AUTHORITY, PEER_TOKEN_ENDPOINT } = process.env;
// The SDK reads its connection from the environment when it loads (AgentApplication builds its
// adapter from there), so the settings go in before it is required.
Object.assign(process.env, { clientId: PEER_APP_ID, clientSecret: PEER_APP_PASSWORD, tenantId: PEER_TENANT, authority: PEER_AUTHORITY });
const express = require('express');
const { AgentApplication, MemoryStorage, MsalTokenProvider } = require('@microsoft/agents-hosting');
const { createAgentRequestHandler } = require('@microsoft/agents-hosting-express');

// MSAL refuses an http:// authority, so the outbound token (for the reply through the Connector)
// comes from the fake's token endpoint instead, fetched once and reused as MSAL's cache would.
let token;
MsalTokenProvider.prototype.getAccessToken = async function () {
  token ??= fetch(PEER_TOKEN_ENDPOINT, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: PEER_APP_ID, client_secret: PEER_APP_PASSWORD }),
  }).then(async r => (await r.json()).access_token);
  return token;
};

const agent = new AgentApplication({ storage: new MemoryStorage() });
agent.onMessage(/help/i, async (context) => {
  await context.sendActivity('CollabBot peer: help. Commands: help, pulse, digest.');
});

const handler = createAgentRequestHandler(agent, {
  clientId: PEER_APP_ID, clientSecret: PEER_APP_PASSWORD, tenantId: PEER_TENANT,
  authority: PEER_AUTHORITY, issuers: [`${PEER_AUTHORITY}/v2.0`],
});
const app = express();
app.use(express.json());
app.get('/healthz', (_req, res) => res.send('ok'));
app.post('/api/messages', (req, res, next) => handler(req, res).catch(next));
app.listen(Number(PEER_PORT), '127.0.0.1', () => console.log(`agents peer on 127.0.0.1:${PEER_PORT}`));
