using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Features.Goals;

// A member's goal, or (OwnerId null, IsTeamGoal) a team goal that member goals link to.
internal sealed class Goal : IWorkspaceOwned
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long TeamId { get; set; }
    public long? OwnerId { get; set; }
    public bool IsTeamGoal { get; set; }
    public required string Title { get; set; }
    public string? Metric { get; set; }
    public double StartValue { get; set; }
    public double Target { get; set; }
    public double? CurrentValue { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly DueDate { get; set; }
    public long? ParentGoalId { get; set; }
    public bool Archived { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class CheckIn : IWorkspaceOwned
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long GoalId { get; set; }
    public DateTimeOffset At { get; set; }
    public double Value { get; set; }
    public int Confidence { get; set; }
    public string? Blocker { get; set; }
}

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>, IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<Goal> b)
    {
        b.HasIndex(g => new { g.TeamId, g.DueDate });
        b.HasIndex(g => g.OwnerId);
        b.Property(g => g.Title).HasMaxLength(200);
        b.Property(g => g.Metric).HasMaxLength(50);
        b.HasOne<Team>().WithMany().HasForeignKey(g => g.TeamId);
        b.HasOne<Member>().WithMany().HasForeignKey(g => g.OwnerId);
        b.HasOne<Goal>().WithMany().HasForeignKey(g => g.ParentGoalId);
    }

    public void Configure(EntityTypeBuilder<CheckIn> b)
    {
        b.HasIndex(c => new { c.GoalId, c.At });
        b.HasIndex(c => c.At);
        b.Property(c => c.Blocker).HasMaxLength(500);
        b.HasOne<Goal>().WithMany().HasForeignKey(c => c.GoalId);
        b.ToTable(t => t.HasCheckConstraint("CK_CheckIns_Confidence", "\"Confidence\" BETWEEN 1 AND 5"));
    }
}
