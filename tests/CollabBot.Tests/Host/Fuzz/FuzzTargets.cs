namespace CollabBot.Tests.Host.Fuzz;

// What the fuzzed host knows about: the Slack workspace and Teams tenant it serves, and open
// pulse rounds, so that well-formed requests reach the handlers and mutated ones reach the
// parsers behind a valid signature or token.
internal sealed record FuzzTargets(
    string SlackTeam, string SlackChannel, string[] SlackUsers, string SlackBot, string SlackResponseUrl,
    string TeamsTenant, string TeamsChannel, string[] TeamsUsers, string TeamsBot, string TeamsServiceUrl,
    (long Round, long Team)[] Rounds, string[] DigestLinks);
