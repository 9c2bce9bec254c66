using CollabBot.Core;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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

    public static async Task<IResult> HandleAsync(HttpContext http, ILoggerFactory logs)
    {
        var log = logs.CreateLogger("CollabBot.Slack.Events");
        var verified = await SlackRequest.ReadAsync(http, log, json: true);
        if (verified.Failure is { } failure) return failure;
        if (WireJson.ParseObject(verified.Body) is not { } envelope) return Results.BadRequest("the body must be a JSON object");

        switch (Str(envelope.At("type")))
        {
            case "url_verification":
                return Results.Text(Str(envelope.At("challenge")) ?? "", "text/plain");
            case "event_callback" when envelope.At("event") is JsonObject e && Str(envelope.At("event_id")) is { } eventId:
                // On PostgreSQL seen ids are shared through the database: Slack's retry may reach another host.
                var seen = http.RequestServices.GetRequiredService<SeenRequests>();
                var key = "slack-event|" + eventId;
                if (!(await seen.ClaimAsync(http.RequestServices, key, RememberFor, http.RequestAborted)).First)
                {
                    CollabBot.Core.Telemetry.CollabMetrics.SlackDuplicate();
                    return Results.Ok();
                }
                try
                {
                    return await HandleEventAsync(http, envelope, e, log);
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

    private static async Task<IResult> HandleEventAsync(HttpContext http, JsonObject envelope, JsonObject e, ILogger log)
    {
        var botUser = Str(envelope.At("authorizations").At(0).At("user_id"));
        var user = Str(e.At("user"));
        var type = Str(e.At("type"));
        var channel = Str(e.At("channel"));
        var ct = http.RequestAborted;
        var context = await SlackContext.ResolveAsync(http, Str(envelope.At("team_id")) ?? Str(e.At("team")), Str(envelope.At("enterprise_id")), user, ct);
        var replies = http.RequestServices.GetRequiredService<SlackReplies>();
        var conversation = new SlackConversation(context.Workspace, context.Token, channel, user ?? "");
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
                var text = LeadingMention().Replace(Str(e.At("text")) ?? "", "", 1);
                return await SlackDispatch.RunAsync(http, Make(InteractionKind.Command, text: text, users: SlackCommands.MentionNames(text)), async r =>
                {
                    await replies.ViaApiAsync(r is FormReply ? new TextReply(Texts.For(context.User?.Locale)["reply.form.unavailable"], true) : r, conversation);
                    return Results.Ok();
                }, r => replies.ViaApiAsync(r, conversation), log);
            case "member_joined_channel" when user is not null && channel is not null:
                if (botUser is not null && user == botUser)
                {
                    // The bot was added to a channel: that channel becomes a team, its members the roster.
                    // Reading the roster is one users.info per person (Tier 4): hundreds of people
                    // take minutes, so Slack gets its 200 now and the install finishes after it.
                    var inviter = Str(e.At("inviter")) ?? user;
                    var install = Make(InteractionKind.Install) with { UserId = inviter };
                    http.RequestServices.GetRequiredService<SlackBackground>().Run($"install in {channel}", async (services, stop) =>
                    {
                        var roster = await SlackRoster.LoadAsync(services, context, channel, stop);
                        var reply = await services.GetRequiredService<BotRouter>().DispatchAsync(
                            install with { Users = roster.Names, UserName = roster.Names.GetValueOrDefault(inviter), Profiles = roster.Profiles }, services, stop);
                        await services.GetRequiredService<SlackReplies>().ViaApiAsync(reply, conversation with { User = inviter });
                    });
                    return Results.Ok();
                }
                return await Dispatch(http, Make(InteractionKind.MemberChange, values: new() { [InstallFlow.Joined] = user },
                    users: new() { [user] = context.User?.Name ?? user }), replies, conversation, log);
            case "member_left_channel" when user is not null && channel is not null:
                return await Dispatch(http, Make(InteractionKind.MemberChange, values: new() { [InstallFlow.Left] = user }), replies, conversation, log);
            case "app_home_opened" when user is not null && Str(e.At("tab")) is null or "home":
                return await SlackDispatch.RunAsync(http, Make(InteractionKind.Action, HomeView.Open) with { ConversationId = "D-" + user, ConversationType = ConversationType.Personal },
                    r => PublishHomeAsync(replies, r, context, user), r => PublishHomeAsync(replies, r, context, user), log);
            case "app_uninstalled" or "tokens_revoked":
                return await Dispatch(http, Make(InteractionKind.Uninstall), replies, conversation, log);
            default:
                return Results.Ok();
        }
    }

    private static Task<IResult> Dispatch(HttpContext http, Interaction i, SlackReplies replies, SlackConversation c, ILogger log) =>
        SlackDispatch.RunAsync(http, i, async r => { await replies.ViaApiAsync(r, c); return Results.Ok(); }, r => replies.ViaApiAsync(r, c), log);

    private static async Task<IResult> PublishHomeAsync(SlackReplies replies, Reply reply, SlackContext context, string user)
    {
        if (reply is CardReply card && context.Token is not null)
            await replies.PublishHomeAsync(context, user, BlockKitRenderer.Home(card.Card));
        return Results.Ok();
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex(@"^\s*<@[A-Z0-9]+(?:\|[^>]*)?>\s*")]
    private static partial Regex LeadingMention();
}
