using System.Collections.Concurrent;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Pulse;

// The rounds being answered, kept for a while: every answer needs its round's questions,
// which never change once the round is sent. A kept copy may miss a close that just
// happened; the answer writer checks again inside its transaction, so that costs a polite
// refusal at submit time, never a late answer.
//
// Each copy is kept for a different time, 4 to 6 minutes: a pulse goes to every team at once,
// so copies taken together would lapse together, and hundreds of rounds re-read in the same
// instant stalled the answers around them (a load run's timeline, 30 s after warm-up).
internal sealed class OpenRounds(TimeProvider time)
{
    public static readonly TimeSpan KeepAtLeast = TimeSpan.FromMinutes(4), KeepAtMost = TimeSpan.FromMinutes(6);
    private const int MaxKept = 20_000;
    private readonly ConcurrentDictionary<long, (PulseRound Round, DateTimeOffset Until)> _kept = new();

    private static readonly CompiledPerModel<Func<CollabDbContext, long, long, CancellationToken, Task<PulseRound?>>> RoundOfTeam = new(() =>
        EF.CompileAsyncQuery((CollabDbContext db, long id, long team, CancellationToken _) =>
            db.PulseRounds.AsNoTracking().Include(r => r.Questions).FirstOrDefault(r => r.Id == id && r.TeamId == team)));

    // The round of this team (the context's workspace scope applies on a miss; a kept copy
    // is only handed to the team it belongs to).
    public async Task<PulseRound?> GetAsync(CollabDbContext db, long id, long team, bool fresh, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!fresh && _kept.TryGetValue(id, out var hit) && hit.Until > now && hit.Round.TeamId == team && hit.Round.WorkspaceId == db.WorkspaceScope)
            return hit.Round;
        var round = await RoundOfTeam.For(db)(db, id, team, ct);
        if (round is null) return null;
        if (_kept.Count >= MaxKept) _kept.Clear();
        _kept[id] = (round, now + KeepAtLeast + (KeepAtMost - KeepAtLeast) * Random.Shared.NextDouble());
        return round;
    }
}
