using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Features.Digest;

// The scored week of one team, written once and never changed (CollabDbContext refuses
// updates): Json holds every input and output figure with the model id.
internal sealed class DigestSnapshot : IWorkspaceOwned
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long TeamId { get; set; }
    public required string Week { get; set; }
    public required string Model { get; set; }
    public DateTimeOffset AsOf { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public double? Cei { get; set; }
    public required string Json { get; set; }
}

internal sealed class DigestSnapshotConfiguration : IEntityTypeConfiguration<DigestSnapshot>
{
    public void Configure(EntityTypeBuilder<DigestSnapshot> b)
    {
        b.HasIndex(s => new { s.TeamId, s.Week, s.Model }).IsUnique();
        b.Property(s => s.Week).HasMaxLength(10);
        b.Property(s => s.Model).HasMaxLength(16);
        b.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId);
    }
}
