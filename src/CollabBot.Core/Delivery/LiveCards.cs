using CollabBot.Core.Cards;
using CollabBot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Delivery;

// A card drawn when it is sent rather than when it is queued (outbox kind "refresh"). A pulse
// card's "n of N answered" changes with every answer, but a channel's message can be updated
// only a few times a minute (Slack chat.update is Tier 3; Teams allows 30 requests a second per
// tenant): rendering each count into its own row made hundreds of rows no one would ever see.
// A refresh row names its source instead, one waits per message at most, and it shows the
// state of the moment it goes out. Features register their sources by name (AddSingleton).
internal sealed record LiveCard(string Source, Func<CollabDbContext, long, DateTimeOffset, CancellationToken, Task<Card?>> RenderAsync);

// What a refresh row stores as its payload: which source draws it, for which of its rows.
internal sealed record LiveCardRef(string Source, long Id);

internal static class LiveCards
{
    // The card an outbox row carries; null when a refresh's source has nothing to show any
    // more (its round was deleted) or is not registered in this host.
    public static async Task<Card?> CardAsync(IServiceProvider services, CollabDbContext db, OutboxMessage message, DateTimeOffset now,
        CancellationToken ct)
    {
        if (message.Kind != Outbox.Refresh) return CollabJson.Deserialize<Card>(message.PayloadJson);
        var live = CollabJson.Deserialize<LiveCardRef>(message.PayloadJson);
        var source = services.GetServices<LiveCard>().FirstOrDefault(s => s.Source == live.Source);
        return source is null ? null : await source.RenderAsync(db, live.Id, now, ct);
    }
}
