using System.Text.RegularExpressions;
using CollabBot.Core.Bot;
using CollabBot.Core.Localization;
using CollabBot.Core.Storage;
using CollabBot.Slack.Install;
using CollabBot.Slack.Wire;

namespace CollabBot.Slack.Web;

// POST /slack/commands: `/collab <command>` (and Slack's ssl_check).
internal static partial class SlackCommands
{
    public static async Task<IResult> HandleAsync(HttpContext http, ILoggerFactory logs)
    {
        var log = logs.CreateLogger("CollabBot.Slack.Commands");
        var verified = await SlackRequest.ReadAsync(http, log, json: false, once: true);
        if (verified.Failure is { } failure) return failure;
        var form = SlackRequest.ParseForm(verified.Body);
        if (form.GetValueOrDefault("ssl_check") == "1") return Results.Ok();
        if (!form.TryGetValue("user_id", out var user) || !form.TryGetValue("channel_id", out var channel)
            || (!form.ContainsKey("team_id") && !form.ContainsKey("enterprise_id")))
            return Results.BadRequest("user_id, channel_id and team_id are required");

        var ct = http.RequestAborted;
        var context = await SlackContext.ResolveAsync(http, form.GetValueOrDefault("team_id"), form.GetValueOrDefault("enterprise_id"), user, ct);
        var text = form.GetValueOrDefault("text") ?? "";
        var interaction = new Interaction(Platform.Slack, context.Workspace, user, channel, InteractionKind.Command, "", text,
            Locale: context.User?.Locale, UserName: context.User?.Name ?? form.GetValueOrDefault("user_name"),
            ConversationType: ConversationOf(channel), Users: MentionNames(text),
            WorkspaceName: form.GetValueOrDefault("team_domain"), ConversationName: form.GetValueOrDefault("channel_name"),
            Reference: new ConversationRef(Platform.Slack, context.Workspace, channel), Profiles: context.Profiles);
        await SlackContext.EnsureInstalledAsync(http, context, interaction, ct);

        var conversation = new SlackConversation(context.Workspace, context.Token, channel, user, form.GetValueOrDefault("trigger_id"),
            SlackRequest.ResponseUrl(form.GetValueOrDefault("response_url")));
        var replies = http.RequestServices.GetRequiredService<SlackReplies>();
        return await SlackDispatch.RunAsync(http, interaction, r => replies.ForCommandAsync(r, conversation), r => replies.LateAsync(r, conversation), log,
            () => Results.Json(SlackReplies.Message(new TextReply(Texts.For(context.User?.Locale)["error.generic"], true), ephemeral: true)));
    }

    // D… is a direct message; channels and group DMs behave like team conversations.
    public static ConversationType ConversationOf(string channel) =>
        channel.StartsWith('D') ? ConversationType.Personal : ConversationType.Channel;

    // `<@U123|ana>` carries the user's name; `<@U123>` does not.
    public static Dictionary<string, string> MentionNames(string text) =>
        Mention().Matches(text).Where(m => m.Groups[2].Success).GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => g.First().Groups[2].Value);

    [GeneratedRegex(@"<@([A-Z0-9]+)(?:\|([^>]+))?>")]
    private static partial Regex Mention();
}
