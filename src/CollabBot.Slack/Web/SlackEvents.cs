using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CollabBot.Core;
using CollabBot.Core.Bot;
using CollabBot.Core.Features.Admin;
using CollabBot.Core.Localization;
using CollabBot.Core.Storage;
using CollabBot.Slack.BlockKit;
using CollabBot.Slack.Wire;

namespace CollabBot.Slack.Web;

// POST /slack/events: url_verification, then event_callback envelopes, each handled once
// (event_id remembered for an hour). Unknown events get 200 and are ignored.
internal static partial class SlackEvents
{
    // Slack: keep seen event ids for at least an hour (protocols, Events API).
    private static readonly TimeSpan RememberFor = TimeSpan.FromHours(1);

    [SlackSigned(SlackContent.Json)]
    public static async Task<IResult> HandleAsync(SlackBody body, SlackDispatch dispatch, SlackReplies replies, SlackBackground background,
        SeenRequests seen, HttpContext http)
    {
        if (WireJson.ParseObject(body.Bytes) is not { } envelope) return Results.BadRequest("the body must be a JSON object");

        switch (envelope.At("type").Str())
        {
            case "url_verification":
                return Results.Text(envelope.At("challenge").Str() ?? "", "text/plain");
            case "event_callback" when envelope.At("event") is JsonObject e && envelope.At("event_id").Str() is { } eventId:
                // On PostgreSQL seen ids are shared through the database: Slack's retry may reach another host.
                var key = "slack-event|" + eventId;
                if (!(await seen.ClaimAsync(http.RequestServices, key, RememberFor, http.RequestAborted)).First)
                {
                    CollabBot.Core.Telemetry.CollabMetrics.SlackDuplicate();
                    return Results.Ok();
                }
                try
                {
                    return await HandleEventAsync(new Request(body, dispatch, replies, background, http), envelope, e);
                }
                catch
                {
                    await seen.ForgetAsync(http.RequestServices, key, CancellationToken.None);   // failed: let Slack's retry through
                    throw;
                }
            default:
                return Results.Ok();
        }
    }

    private sealed record Request(SlackBody Body, SlackDispatch Dispatch, SlackReplies Replies, SlackBackground Background, HttpContext Http);

    private static async Task<IResult> HandleEventAsync(Request request, JsonObject envelope, JsonObject e)
    {
        var (body, dispatch, replies, background, http) = request;
        var botUser = envelope.At("authorizations").At(0).At("user_id").Str();
        var user = e.At("user").Str();
        var type = e.At("type").Str();
        var channel = e.At("channel").Str();
        var ct = http.RequestAborted;
        var context = await SlackContext.ResolveAsync(http.RequestServices, envelope.At("team_id").Str() ?? e.At("team").Str(), envelope.At("enterprise_id").Str(), user, ct);
        var conversation = new SlackConversation(context.Workspace, context.Token, channel, user ?? "", Locale: context.User?.Locale);
        Interaction Make(InteractionKind kind, string id = "", string? text = null, Dictionary<string, string>? values = null,
            Dictionary<string, string>? users = null) =>
            new(Platform.Slack, context.Workspace, user ?? "", channel ?? "D-" + user, kind, id, text, values, context.User?.Locale,
                context.User?.Name, channel is null ? ConversationType.Personal : SlackCommands.ConversationOf(channel), users,
                Reference: channel is null ? null : new ConversationRef(Platform.Slack, context.Workspace, channel), Profiles: context.Profiles);

        switch (type)
        {
            case "app_mention" when e.At("bot_id") is not null || user == botUser:
                return Results.Ok();   // our own messages
            case "app_mention" when user is not null && channel is not null:
                var text = LeadingMention().Replace(e.At("text").Str() ?? "", "", 1);
                return await dispatch.AckAsync(body, Make(InteractionKind.Command, text: text, users: SlackCommands.MentionNames(text)), async r =>
                {
                    await replies.ViaApiAsync(r is FormReply ? new TextReply(Texts.For(context.User?.Locale)["reply.form.unavailable"], true) : r, conversation);
                    return Results.Ok();
                }, r => replies.ViaApiAsync(r, conversation), ct);
            case "member_joined_channel" when user is not null && channel is not null:
                if (botUser is not null && user == botUser)
                {
                    // The bot was added to a channel: that channel becomes a team, its members the roster.
                    // Reading the roster is one users.info per person (Tier 4): hundreds of people
                    // take minutes, so Slack gets its 200 now and the install finishes after it.
                    var inviter = e.At("inviter").Str() ?? user;
                    var install = Make(InteractionKind.Install) with { UserId = inviter };
                    background.Run($"install in {channel}", async (scope, stop) =>
                    {
                        var roster = await SlackRoster.LoadAsync(scope, context, channel, stop);
                        var reply = await dispatch.DispatchAsync(
                            install with { Users = roster.Names, UserName = roster.Names.GetValueOrDefault(inviter), Profiles = roster.Profiles }, scope, stop);
                        await replies.ViaApiAsync(reply, conversation with { User = inviter });
                    });
                    return Results.Ok();
                }
                return await Dispatch(request, Make(InteractionKind.MemberChange, values: new() { [InstallFlow.Joined] = user },
                    users: new() { [user] = context.User?.Name ?? user }), conversation);
            case "member_left_channel" when user is not null && channel is not null:
                return await Dispatch(request, Make(InteractionKind.MemberChange, values: new() { [InstallFlow.Left] = user }), conversation);
            case "app_home_opened" when user is not null && e.At("tab").Str() is null or "home":
                return await dispatch.AckAsync(body, Make(InteractionKind.Action, HomeView.Open) with { ConversationId = "D-" + user, ConversationType = ConversationType.Personal },
                    r => PublishHomeAsync(replies, r, context, user), r => PublishHomeAsync(replies, r, context, user), ct);
            case "app_uninstalled" or "tokens_revoked":
                return await Dispatch(request, Make(InteractionKind.Uninstall), conversation);
            default:
                return Results.Ok();
        }
    }

    private static Task<IResult> Dispatch(Request request, Interaction i, SlackConversation c) =>
        request.Dispatch.AckAsync(request.Body, i, async r => { await request.Replies.ViaApiAsync(r, c); return Results.Ok(); },
            r => request.Replies.ViaApiAsync(r, c), request.Http.RequestAborted);

    private static async Task<IResult> PublishHomeAsync(SlackReplies replies, Reply reply, SlackContext context, string user)
    {
        if (reply is CardReply card && context.Token is not null)
            await replies.PublishHomeAsync(context, user, BlockKitRenderer.Home(card.Card));
        return Results.Ok();
    }

    [GeneratedRegex(@"^\s*<@[A-Z0-9]+(?:\|[^>]*)?>\s*")]
    private static partial Regex LeadingMention();
}
