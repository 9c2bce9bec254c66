using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Features.Admin;
using CollabBot.Teams.Wire;
using Microsoft.Extensions.Caching.Memory;

namespace CollabBot.Teams.Web;

// An authenticated, first-seen activity, translated and dispatched. Messages and
// conversation updates are answered through the Connector after the HTTP 200 (TeamsReplySender);
// invokes are answered in the HTTP response.
internal sealed class TeamsTurns(BotRouter router, IServiceScopeFactory scopes, TeamsReplySender replies, ConnectorClient connector,
    IMemoryCache memory, ILogger<TeamsTurns> log)
{
    private static readonly TimeSpan KeepForms = TimeSpan.FromHours(1);

    public async Task<(int Status, JsonObject? Body, bool Repeatable)> HandleAsync(TeamsActivity activity, CancellationToken ct)
    {
        if (TeamsTurn.Of(activity) is not { } turn)
            return activity.Type is "message" or "invoke" or "conversationUpdate" or "installationUpdate"
                ? (StatusCodes.Status400BadRequest, null, false) : (StatusCodes.Status200OK, null, false);
        // Refused before any work, so the Connector's retry finds nothing done.
        if (!replies.HasRoom && activity.Type is "message" or "invoke" or "conversationUpdate" or "installationUpdate")
            return (StatusCodes.Status503ServiceUnavailable, null, false);
        switch (activity.Type)
        {
            case "message":
                await MessageAsync(turn, ct);
                return (StatusCodes.Status200OK, null, false);
            case "conversationUpdate" or "installationUpdate":
                await MembershipAsync(turn, ct);
                return (StatusCodes.Status200OK, null, false);
            case "invoke" when TeamsInvokes.Known(activity.Name):
                var (body, repeatable) = await InvokeAsync(turn, ct);
                return (StatusCodes.Status200OK, body, repeatable);
            case "invoke":
                return (StatusCodes.Status501NotImplemented, null, false);
            default:
                return (StatusCodes.Status200OK, null, false);   // typing, messageReaction, …: nothing to do
        }
    }

    private async Task MessageAsync(TeamsTurn turn, CancellationToken ct)
    {
        var a = turn.Activity;
        // Action.Submit arrives as a message whose value holds the data: from an older card, or a
        // dialog button in a client that cannot open dialogs (TeamsForms: the form comes inline).
        var interaction = a.Value is JsonObject data && data.At("verb").Str() is { Length: > 0 } verb
            ? turn.Make(router.Handles(InteractionKind.Submit, verb) ? InteractionKind.Submit : InteractionKind.Action, verb, values: TeamsInvokes.Flatten(data))
            : Command(turn);
        var (reply, named) = await DispatchAsync(turn, interaction, ct);
        Remember(turn, reply);
        replies.Queue(reply, named);
    }

    private static Interaction Command(TeamsTurn turn)
    {
        var (text, names) = turn.Activity.CommandText();
        return turn.Make(InteractionKind.Command, "", text, users: names);
    }

    private async Task MembershipAsync(TeamsTurn turn, CancellationToken ct)
    {
        var a = turn.Activity;
        // Teams sends both an installationUpdate "add" and a conversationUpdate naming the bot
        // for one install: only the conversationUpdate installs, or the install ran twice.
        var added = a.BotAdded;
        var removed = a.BotRemoved || (a.Type == "installationUpdate" && a.Action?.StartsWith("remove", StringComparison.Ordinal) == true);
        if (added)
        {
            var roster = turn.Type == ConversationType.Personal ? null : await RosterAsync(turn, ct);
            var (reply, named) = await DispatchAsync(turn, turn.Make(InteractionKind.Install, "", users: roster?.Names) with { Profiles = roster?.Profiles }, ct);
            replies.Queue(reply, named);
            return;
        }
        if (removed)
        {
            // Leaving one team or chat is not leaving the tenant.
            await DispatchAsync(turn, turn.Make(InteractionKind.Uninstall, "", values: new Dictionary<string, string> { [InstallFlow.Scope] = InstallFlow.ThisConversation }), ct);
            return;
        }
        var joined = a.MembersAdded.Where(m => m.Id != turn.BotId).ToList();
        var left = a.MembersRemoved.Where(m => m.Id != turn.BotId).ToList();
        if (joined.Count == 0 && left.Count == 0) return;
        await DispatchAsync(turn, turn.Make(InteractionKind.MemberChange, "", values: new Dictionary<string, string>
        {
            [InstallFlow.Joined] = string.Join(',', joined.Select(m => m.Id)),
            [InstallFlow.Left] = string.Join(',', left.Select(m => m.Id)),
        }, users: joined.ToDictionary(m => m.Id, m => m.Name ?? m.Id)), ct);
    }

    private sealed record Roster(Dictionary<string, string> Names, Dictionary<string, MemberProfile> Profiles);

    // The team's (or chat's) members, read when the bot arrives; the bot itself is not a member.
    // Their email (or UPN) comes along; Teams' roster has no job title.
    private async Task<Roster> RosterAsync(TeamsTurn turn, CancellationToken ct)
    {
        var roster = new Roster([], []);
        try
        {
            await foreach (var m in connector.PagedMembersAsync(turn.ServiceUrl, turn.Activity.TeamId ?? turn.ConversationId, ct))
                if (m.Id != turn.BotId) (roster.Names[m.Id], roster.Profiles[m.Id]) = (m.Name, new MemberProfile(m.Address, null));
        }
        catch (Exception e) when (e is ConnectorException or ConnectorThrottledException or HttpRequestException)
        {
            // The team is still made; members join as they speak or as Teams reports them.
            log.RosterUnread(e);
        }
        return roster;
    }

    private async Task<(JsonObject Body, bool Repeatable)> InvokeAsync(TeamsTurn turn, CancellationToken ct)
    {
        var a = turn.Activity;
        if (TeamsInvokes.Read(a, router) is not var (kind, id, values))
            return (a.Name == TeamsInvokes.CardAction ? TeamsInvokes.Error(400, "BadRequest", "The action has no verb.")
                : new JsonObject { ["task"] = new JsonObject { ["type"] = "message", ["value"] = "?" } }, false);
        var (reply, named) = await DispatchAsync(turn, turn.Make(kind, id, values: values), ct);
        var shown = kind == InteractionKind.Submit ? memory.Get<Form>(FormKey(turn, id)) : null;
        Remember(turn, reply);
        if (a.Name == TeamsInvokes.CardAction && reply is FormReply && !TeamsForms.InlineAllowed(turn.Type))
        {
            replies.Queue(reply, named);   // a form is always sent to the person's 1:1 chat (TeamsReplies)
            return (TeamsInvokes.Message(TeamsForms.SentPrivately(a.Locale)), false);
        }
        if (reply is CardReply { Ephemeral: false } or FileReply) replies.Queue(reply, named);
        return (a.Name == TeamsInvokes.CardAction
            ? TeamsInvokes.CardActionResult(reply, kind, shown, values, named.Names, turn.From.Id)
            : TeamsInvokes.DialogResult(reply, shown, values), reply.Repeatable);
    }

    // The reply, and the turn with the roster's names for the people the reply mentions (not
    // the names the activity's own mention entities gave them: RosterNames).
    private async Task<(Reply Reply, TeamsTurn Named)> DispatchAsync(TeamsTurn turn, Interaction interaction, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var reply = await router.DispatchAsync(interaction, scope.ServiceProvider, ct);
        return (reply, turn with { Names = await RosterNames.OfAsync(scope.ServiceProvider, turn.Tenant, reply, ct) });
    }

    // A form shown to someone is kept a while, so a submit with errors can show it again.
    private void Remember(TeamsTurn turn, Reply reply)
    {
        if (reply is FormReply f) memory.Set(FormKey(turn, f.Form.CallbackId), f.Form, KeepForms);
    }

    private static string FormKey(TeamsTurn turn, string callback) => $"teams-form|{turn.Tenant}|{turn.From.Id}|{callback}";
}
