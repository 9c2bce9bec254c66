using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Storage;

// An inbound delivery already taken (a Slack event_id, a Teams conversation + activity id),
// kept in the database so a platform's retry is recognised by whichever host it reaches.
// ResponseJson: what the first delivery answered, for retries that expect the same answer.
internal sealed class SeenRequest
{
    public required string Key { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string? ResponseJson { get; set; }
}

internal sealed class SeenRequestConfiguration : IEntityTypeConfiguration<SeenRequest>
{
    public void Configure(EntityTypeBuilder<SeenRequest> b)
    {
        b.ToTable("SeenRequests");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(300);
        b.HasIndex(s => s.ExpiresAt);
    }
}

internal sealed record SeenClaim(bool First, string? EarlierResponse);

// The inbound deliveries already taken, so a platform's retry does the work once. Chosen once
// at registration (Host, StorageSetup): in this process for a single host (LocalSeenRequests),
// in the database where several hosts share one (DatabaseSeenRequests).
//
// Callers pass the request's services, not a context: the in-process store needs no database,
// and resolving a context leases a SQLite connection for the rest of the request.
internal abstract class SeenRequests
{
    // First: the caller does the work. Otherwise EarlierResponse is what the first delivery
    // answered, if it kept one.
    public abstract Task<SeenClaim> ClaimAsync(IServiceProvider services, string key, TimeSpan keepFor, CancellationToken ct);

    // For a caller that holds a context already (the Slack OAuth callback).
    public abstract Task<SeenClaim> ClaimAsync(CollabDbContext db, string key, TimeSpan keepFor, CancellationToken ct);

    // The answer a retry of this delivery gets instead of the work.
    public abstract Task CompleteAsync(IServiceProvider services, string key, string? responseJson, CancellationToken ct);

    // The work failed: forget the key, so the platform's retry gets another chance.
    public abstract Task ForgetAsync(IServiceProvider services, string key, CancellationToken ct);
}
