namespace CollabBot.Core.Delivery;

// What our own rate budgets said no to lately (PacedResult): a workspace, or one conversation
// in it, and until when. The claim leaves their rows alone meanwhile, so one busy workspace or
// conversation neither occupies the workers nor gets its rows claimed only to be put back.
// Per host, in memory: another host learns the same from its own messengers.
internal sealed class PacedTargets
{
    private readonly Dictionary<(long Workspace, string? Target), DateTimeOffset> _until = [];

    public void Add(long workspace, string target, PacedResult paced, DateTimeOffset now)
    {
        var key = (workspace, paced.Scope == PaceScope.Workspace ? null : target);
        var until = now + OutboxDelivery.PacedFor(paced);
        lock (_until)
            if (!_until.TryGetValue(key, out var at) || at < until) _until[key] = until;
    }

    // The workspaces and the conversations still paced at `now`.
    public (List<long> Workspaces, List<string> Targets) At(DateTimeOffset now)
    {
        lock (_until)
        {
            foreach (var key in _until.Where(p => p.Value <= now).Select(p => p.Key).ToList()) _until.Remove(key);
            return (_until.Keys.Where(k => k.Target is null).Select(k => k.Workspace).ToList(),
                _until.Keys.Where(k => k.Target is not null).Select(k => k.Target!).Distinct().ToList());
        }
    }

    // When the first pace ends, if any does.
    public DateTimeOffset? Soonest()
    {
        lock (_until) return _until.Count == 0 ? null : _until.Values.Min();
    }
}
