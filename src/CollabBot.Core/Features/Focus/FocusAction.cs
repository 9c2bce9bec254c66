using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Features.Focus;

// What a team said it will work on after a digest: one cei-1 dimension and an action. The
// baseline is the dimension as the latest stored digest had it when the focus was set; the
// outcome is the same figure from the latest stored digest when it was closed. Both are
// copied here, so the history never shifts (stored digests are immutable anyway).
internal sealed class FocusAction : IWorkspaceOwned
{
    public const int MaxText = 500;

    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long TeamId { get; set; }
    public required string Dimension { get; set; }
    public required string Action { get; set; }
    public long SetById { get; set; }
    public DateTimeOffset SetAt { get; set; }
    public required string BaselineWeek { get; set; }
    public double? BaselineScore { get; set; }
    public double? BaselineSe { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public long? ClosedById { get; set; }
    public string? Note { get; set; }
    public string? OutcomeWeek { get; set; }
    public double? OutcomeScore { get; set; }
    public double? OutcomeSe { get; set; }

    public bool Open => ClosedAt is null;
}

internal sealed class FocusActionConfiguration : IEntityTypeConfiguration<FocusAction>
{
    public void Configure(EntityTypeBuilder<FocusAction> b)
    {
        b.HasIndex(f => new { f.TeamId, f.SetAt });
        // One open focus per team: two managers setting one at the same moment cannot both win.
        b.HasIndex(f => f.TeamId).IsUnique().HasFilter("\"ClosedAt\" IS NULL").HasDatabaseName("IX_FocusActions_OpenPerTeam");
        b.Property(f => f.Dimension).HasMaxLength(16);
        b.Property(f => f.Action).HasMaxLength(FocusAction.MaxText);
        b.Property(f => f.Note).HasMaxLength(FocusAction.MaxText);
        b.Property(f => f.BaselineWeek).HasMaxLength(10);
        b.Property(f => f.OutcomeWeek).HasMaxLength(10);
        b.HasOne<Team>().WithMany().HasForeignKey(f => f.TeamId);
        b.HasOne<Member>().WithMany().HasForeignKey(f => f.SetById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(f => f.ClosedById).OnDelete(DeleteBehavior.Restrict);
    }
}
