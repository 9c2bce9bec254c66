using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CollabBot.Core.Storage;

namespace CollabBot.Core.Features.Pulse;

// One weekly pulse sent to a team. The questions asked are copied onto the round so a later
// edit of the bank never changes what a past round meant.
internal sealed class PulseRound : IWorkspaceOwned
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long TeamId { get; set; }
    public required string Week { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public List<PulseRoundQuestion> Questions { get; set; } = [];
}

internal sealed class PulseRoundQuestion : IWorkspaceOwned
{
    public long RoundId { get; set; }
    public long WorkspaceId { get; set; }
    public required string Key { get; set; }
    public required string Dimension { get; set; }
    public bool Reversed { get; set; }
    public int Position { get; set; }
}

// Invited members and whether they answered: the participation row. It is keyed by member
// but holds no answer; AnsweredAt is kept to the UTC day only, so its time cannot be matched
// against a response's exact time to re-identify an answer.
internal sealed class PulseParticipation : IWorkspaceOwned
{
    public long RoundId { get; set; }
    public long MemberId { get; set; }
    public long WorkspaceId { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
}

internal sealed class PulseRoundConfiguration : IEntityTypeConfiguration<PulseRound>, IEntityTypeConfiguration<PulseRoundQuestion>,
    IEntityTypeConfiguration<PulseParticipation>
{
    public void Configure(EntityTypeBuilder<PulseRound> b)
    {
        b.HasIndex(r => new { r.TeamId, r.SentAt });
        b.HasIndex(r => r.SentAt);
        b.Property(r => r.Week).HasMaxLength(10);
        b.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId);
        b.HasMany(r => r.Questions).WithOne().HasForeignKey(q => q.RoundId);
    }

    public void Configure(EntityTypeBuilder<PulseRoundQuestion> b)
    {
        b.HasKey(q => new { q.RoundId, q.Key });
        b.Property(q => q.Key).HasMaxLength(32);
        b.Property(q => q.Dimension).HasMaxLength(32);
    }

    public void Configure(EntityTypeBuilder<PulseParticipation> b)
    {
        b.HasKey(p => new { p.RoundId, p.MemberId });
        b.HasOne<PulseRound>().WithMany().HasForeignKey(p => p.RoundId);
        b.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId);
    }
}
