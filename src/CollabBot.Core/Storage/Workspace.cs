using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Storage;

// A tenant: one Slack workspace (or Enterprise Grid org) or one Microsoft 365 tenant.
internal sealed class Workspace
{
    public const int MaxName = 200;

    public long Id { get; set; }
    public Platform Platform { get; set; }
    public required string ExternalId { get; set; }
    public required string Name { get; set; }
    public bool Active { get; set; } = true;
    public string DefaultLocale { get; set; } = "en";
    // cei-1 weight overrides, {"dimension": {"component": weight}}; null = the model's defaults.
    public string? WeightsJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> b)
    {
        b.HasIndex(w => new { w.Platform, w.ExternalId }).IsUnique();
        b.Property(w => w.ExternalId).HasMaxLength(100);
        b.Property(w => w.Name).HasMaxLength(Workspace.MaxName);
        b.Property(w => w.DefaultLocale).HasMaxLength(16);
    }
}
