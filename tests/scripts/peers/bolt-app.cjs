// The Bolt for JavaScript peer for tests/scripts/peer-bench.sh: the same signing secret as the
// CollabBot host, acks `/collab` with a short ephemeral help text and the pulse modal's
// view_submission with a thank-you view (storing nothing), no database, no Web API calls:
// a fixed authorize() instead of a token, since with a token Bolt calls auth.test on the first
// request even with tokenVerificationEnabled off, and there is no Slack to ask. Loopback only.
const { App } = require('@slack/bolt');

const { PEER_PORT, PEER_SIGNING_SECRET } = process.env;
const app = new App({
  signingSecret: PEER_SIGNING_SECRET,
  authorize: async () => ({ botToken: 'xoxb-peer-bench', botId: 'B0PEERBENCH', botUserId: 'U0PEERBOT' }),
  endpoints: ['/slack/commands', '/slack/interactions'],
  customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => { res.writeHead(200); res.end('ok'); } }],
});
app.view('pulse.submit', async ({ ack }) => {
  await ack({ response_action: 'update', view: { type: 'modal', title: { type: 'plain_text', text: 'Weekly pulse' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Thanks, your answer is in.' } }] } });
});
app.command('/collab', async ({ command, ack }) => {
  await ack({ response_type: 'ephemeral', text: `Help for ${command.text}: /collab help, /collab pulse, /collab digest.` });
});
(async () => {
  await app.start({ port: Number(PEER_PORT), host: '127.0.0.1' });
  console.log(`bolt peer on 127.0.0.1:${PEER_PORT}`);
})();
