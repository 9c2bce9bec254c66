using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Bot;

// Everything a handler needs, resolved once: the caller as a member of a team in a
// workspace, a database scoped to that workspace, texts in the caller's language.
internal sealed class BotContext
{
    public required Interaction Interaction { get; init; }
    // Resolved on first use: a read-only command answered from ResolvedCache may never need it.
    public CollabDbContext Db
    {
        get => _db ??= Workspace is { } w ? Services.GetRequiredService<CollabDbContext>().ForWorkspace(w.Id) : Services.GetRequiredService<CollabDbContext>();
        init => _db = value;
    }
    private CollabDbContext? _db;
    public required IServiceProvider Services { get; init; }
    public required TimeProvider Time { get; init; }
    public required Texts T { get; init; }
    public required CancellationToken Cancellation { get; init; }
    public Workspace? Workspace { get; init; }
    public Team? Team { get; init; }
    public Member? Member { get; init; }
    public CommandArgs Args { get; init; } = CommandArgs.Empty;

    public DateTimeOffset Now => Time.GetUtcNow();
    public TimeZoneInfo Zone => Zones.Find(Team?.TimeZone ?? "UTC");
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Zone).DateTime);

    public Workspace RequiredWorkspace => Workspace ?? throw new InvalidOperationException("no workspace resolved");
    public Team RequiredTeam => Team ?? throw new InvalidOperationException("no team resolved");
    public Member Me => Member ?? throw new InvalidOperationException("no member resolved");

    public bool IsManager => Member is { IsManager: true } or { IsAdmin: true };
    public bool IsAdmin => Member is { IsAdmin: true };

    public Reply Usage(string verb) => Reply.Private(T.F("usage.line", T["usage." + verb]));
    public Reply Say(string key, params object?[] args) => Reply.Private(T.F(key, args));
}
