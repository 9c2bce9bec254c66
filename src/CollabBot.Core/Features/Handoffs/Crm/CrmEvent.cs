using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Features.Handoffs.Crm;

// What became of one handoff a CRM sent, for the workspace's admins (`handoff crm`): recorded,
// a duplicate, or not matched and why. Detail may name an email nobody in the workspace has,
// so rows are kept 30 days and erased with the person who has that email.
internal sealed class CrmEvent : IWorkspaceOwned
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(30);

    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public required string Source { get; set; }
    public required string ExternalId { get; set; }
    public required string Status { get; set; }
    public string? Reason { get; set; }
    public string? Detail { get; set; }
    public long? HandoffId { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class CrmEventConfiguration : IEntityTypeConfiguration<CrmEvent>
{
    public void Configure(EntityTypeBuilder<CrmEvent> b)
    {
        b.ToTable("CrmEvents");
        b.HasIndex(e => new { e.WorkspaceId, e.At });
        b.Property(e => e.Source).HasMaxLength(16);
        b.Property(e => e.ExternalId).HasMaxLength(CrmLimits.ExternalId);
        b.Property(e => e.Status).HasMaxLength(16);
        b.Property(e => e.Reason).HasMaxLength(32);
        b.Property(e => e.Detail).HasMaxLength(600);
        b.HasOne<Workspace>().WithMany().HasForeignKey(e => e.WorkspaceId);
    }
}
