using System.Collections.Concurrent;
using CollabBot.Core.Localization;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CollabBot.Core.Bot;

// Who is asking, kept in memory for the ack of read-only commands (`help`): the workspace, team
// and member a team channel's caller resolved to, so a repeat needs no database round trip.
// Only routes mapped as cached use it, and only with Access.Member: a decision that depends on
// a role (Manager, Admin) always reads the database, so a stale entry can at worst list the
// commands of a role just lost, or answer in a language just changed.
//
// Staleness: any save on this host that adds, changes or removes a workspace, team, member or
// installation (roster, roles, settings, (un)install, forget me) bumps Generation and every
// entry older than the bump is ignored from then on; bulk updates bump it themselves. Another
// host's change is seen once the entry expires, at most Lifetime after it was read.
internal sealed class ResolvedCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 50_000;

    // Process-wide, not per host: a bump from any context in the process (tests run several
    // hosts in one) only costs the others a miss.
    private static long _generation;

    public static long Generation => Interlocked.Read(ref _generation);

    public static void Changed() => Interlocked.Increment(ref _generation);

    internal sealed record Entry(Workspace Workspace, Team Team, Member Member, MemberProfile? Profile, long Generation, long ExpiresAt);

    private readonly ConcurrentDictionary<(Platform, string, string, string), Entry> _entries = new();

    // A hit only when resolving again would find the same rows and write nothing: the member is
    // active and the platform says nothing new of their language, name or profile (those are
    // saved by the full path, BotContextFactory.FinishAsync).
    public Entry? Find(Interaction i)
    {
        if (i.ConversationType == ConversationType.Personal) return null;
        if (!_entries.TryGetValue((i.Platform, i.WorkspaceId, i.ConversationId, i.UserId), out var e)) return null;
        if (e.Generation != Generation || e.ExpiresAt < time.GetUtcNow().UtcTicks) return null;
        var m = e.Member;
        if (Texts.Normalize(i.Locale) is { } locale && m.Locale != locale) return null;
        if (i.UserName is { Length: > 0 } given && Fit.To(given, Member.MaxName) != m.DisplayName) return null;
        if (i.Profiles?.GetValueOrDefault(i.UserId) is { } profile && profile != e.Profile) return null;
        return e;
    }

    // Copies, not the tracked instances: the request that read them may go on to change them
    // (and then fail before saving). `generation` is the one read before the rows were.
    public void Keep(Interaction i, CollabDbContext db, Workspace workspace, Team team, Member member, long generation)
    {
        if (i.ConversationType == ConversationType.Personal || !member.Active || member.Id == 0) return;
        if (_entries.Count >= MaxEntries) _entries.Clear();
        var ws = (Workspace)db.Entry(workspace).CurrentValues.ToObject();
        var t = (Team)db.Entry(team).CurrentValues.ToObject();
        var m = (Member)db.Entry(member).CurrentValues.ToObject();
        (t.Workspace, m.Team) = (ws, t);
        _entries[(i.Platform, i.WorkspaceId, i.ConversationId, i.UserId)] = new(ws, t, m, i.Profiles?.GetValueOrDefault(i.UserId), generation,
            (time.GetUtcNow() + Lifetime).UtcTicks);
    }

    // Called by CollabDbContext before a save: whether it touches what entries are made of.
    public static bool Touches(EntityEntry entry) =>
        entry.Entity is Workspace or Team or Member or Installation && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;
}
