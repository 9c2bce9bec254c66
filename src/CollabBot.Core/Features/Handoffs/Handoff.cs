using CollabBot.Core.Features.Handoffs.Crm;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Features.Handoffs;

// An account, lead or task passed from one member to another; RolePair is "SDR>AE" style,
// taken from the two members' sales roles when it was made. One that came from a CRM names
// its source ("webhook", "hubspot") and record (ExternalId, unique per receiver), with the
// record's link and stage where the CRM gave them.
internal sealed class Handoff : IWorkspaceOwned
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long TeamId { get; set; }
    public long FromId { get; set; }
    public long ToId { get; set; }
    public required string Subject { get; set; }
    public string? Note { get; set; }
    public required string RolePair { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public string? Source { get; set; }
    public string? ExternalId { get; set; }
    public string? Url { get; set; }
    public string? Stage { get; set; }
}

// The receiver's rating; one per handoff (unique HandoffId).
internal sealed class HandoffFeedback : IWorkspaceOwned
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long HandoffId { get; set; }
    public int Quality { get; set; }
    public int ItemsPresent { get; set; }
    public int ItemsTotal { get; set; }
    // Newline-separated names of the checklist items that were missing.
    public string? MissingItems { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class HandoffConfiguration : IEntityTypeConfiguration<Handoff>, IEntityTypeConfiguration<HandoffFeedback>
{
    public void Configure(EntityTypeBuilder<Handoff> b)
    {
        b.HasIndex(h => new { h.TeamId, h.At });
        b.HasIndex(h => h.ToId);
        b.Property(h => h.Subject).HasMaxLength(200);
        b.Property(h => h.Note).HasMaxLength(1000);
        b.Property(h => h.RolePair).HasMaxLength(70);
        // A CRM that sends the same record twice makes one handoff (NULLs never collide).
        b.HasIndex(h => new { h.ToId, h.ExternalId }).IsUnique();
        b.Property(h => h.Source).HasMaxLength(16);
        b.Property(h => h.ExternalId).HasMaxLength(CrmLimits.ExternalId);
        b.Property(h => h.Url).HasMaxLength(CrmLimits.Url);
        b.Property(h => h.Stage).HasMaxLength(CrmLimits.Stage);
        b.HasOne<Team>().WithMany().HasForeignKey(h => h.TeamId);
        b.HasOne<Member>().WithMany().HasForeignKey(h => h.FromId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(h => h.ToId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<HandoffFeedback> b)
    {
        b.HasIndex(f => f.HandoffId).IsUnique();
        b.HasIndex(f => f.At);
        b.Property(f => f.MissingItems).HasMaxLength(1000);
        b.Property(f => f.Comment).HasMaxLength(1000);
        b.HasOne<Handoff>().WithMany().HasForeignKey(f => f.HandoffId);
        b.ToTable(t => t.HasCheckConstraint("CK_HandoffFeedback_Quality", "\"Quality\" BETWEEN 1 AND 5"));
    }
}
