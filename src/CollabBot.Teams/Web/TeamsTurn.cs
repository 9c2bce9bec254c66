using CollabBot.Core.Bot;
using CollabBot.Core.Storage;

namespace CollabBot.Teams.Web;

// One inbound activity, translated: where it came from, how to answer it, and the neutral
// interaction it stands for.
internal sealed record TeamsTurn(TeamsActivity Activity, string Tenant, string ServiceUrl, string ConversationId, string ChannelKey,
    ConversationType Type, TeamsAccount From, string BotId, IReadOnlyDictionary<string, string> Names)
{
    // Teams has no tenant in some local tools; one fixed workspace stands in for it there.
    public const string LocalTenant = "local";

    public static TeamsTurn? Of(TeamsActivity a)
    {
        if (a.From is not { } from || a.Recipient is not { } bot || a.ConversationId is not { } conversation || a.ServiceUrl is not { } serviceUrl)
            return null;
        var type = a.ConversationType switch
        {
            "personal" => ConversationType.Personal,
            "groupChat" => ConversationType.Group,
            _ => ConversationType.Channel,
        };
        var names = a.Mentions().Where(m => m.Who.Id != bot.Id).GroupBy(m => m.Who.Id).ToDictionary(g => g.Key, g => g.First().Who.Name ?? g.Key);
        return new TeamsTurn(a, a.TenantId ?? LocalTenant, serviceUrl, conversation,
            type == ConversationType.Channel ? a.ChannelKey ?? conversation : conversation, type, from, bot.Id, names);
    }

    public ReplyTarget Target => new(ServiceUrl, ConversationId, Tenant, From.Id, BotId, Type, Names, Activity.ReplyToId);

    public ConversationRef Reference => new(Platform.Teams, Tenant, ChannelKey, ServiceUrl, Tenant, BotId);

    public Interaction Make(InteractionKind kind, string id, string? text = null, IReadOnlyDictionary<string, string>? values = null,
        IReadOnlyDictionary<string, string>? users = null) =>
        new(Platform.Teams, Tenant, From.Id, ChannelKey, kind, id, text, values, Activity.Locale, From.Name, Type,
            users ?? Names, Activity.TeamName, Activity.ChannelName ?? Activity.TeamName ?? Activity.ConversationName, Reference);
}
