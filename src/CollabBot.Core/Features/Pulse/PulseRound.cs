using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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
    // When the reminder went to those who had not answered: one instant for the round, never per member.
    public DateTimeOffset? RemindedAt { get; set; }
    // Set by the close (RoundClosing): the hours from the send to each answer, whole hours
    // rounded down and sorted ("0,0,3,17"), so answer speed needs no time on any response; and
    // whether at least k people answered, decided once, so a later change of k never shows a
    // round that was kept back or changes one that was shown.
    public string? AnswerHours { get; set; }
    public bool Published { get; set; }
    // The k in force at the close: the one its survey figures are held to from then on.
    public int? AnonymityThreshold { get; set; }
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

// A member asked to answer a round: written for the team at the send, or when a member who
// was not asked answers. It holds no time and no "answered": who answered is only in the
// marks, which name nobody without the server's key.
internal sealed class PulseParticipation : IWorkspaceOwned
{
    public long RoundId { get; set; }
    public long MemberId { get; set; }
    public long WorkspaceId { get; set; }
}

// "Someone answered this round": the Pseudonyms.Mark of the platform user. (RoundId, Mark) is
// the key, so the database refuses a second answer by the same person, on any host.
internal sealed class PulseAnswerMark : IWorkspaceOwned
{
    public long RoundId { get; set; }
    public required string Mark { get; set; }
    public long WorkspaceId { get; set; }
}

// An answer while its round is open: values, comment and exact time sealed with the server's
// key, beside the whole hours since the send (answer speed of a round still open). The close
// unseals the round's answers, stores them as responses in shuffled order and deletes these.
internal sealed class PulseSealedAnswer : IWorkspaceOwned
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long RoundId { get; set; }
    public int Hour { get; set; }
    public required byte[] Sealed { get; set; }
}

internal sealed class PulseRoundConfiguration : IEntityTypeConfiguration<PulseRound>, IEntityTypeConfiguration<PulseRoundQuestion>,
    IEntityTypeConfiguration<PulseParticipation>, IEntityTypeConfiguration<PulseAnswerMark>, IEntityTypeConfiguration<PulseSealedAnswer>
{
    public void Configure(EntityTypeBuilder<PulseRound> b)
    {
        b.HasIndex(r => new { r.TeamId, r.SentAt });
        b.HasIndex(r => r.SentAt);
        // One round per team and week (the team's zone at the send), on every host.
        b.HasIndex(r => new { r.TeamId, r.Week }).IsUnique();
        b.Property(r => r.Week).HasMaxLength(10);
        b.Property(r => r.AnswerHours).HasMaxLength(20_000);
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

    public void Configure(EntityTypeBuilder<PulseAnswerMark> b)
    {
        b.HasKey(m => new { m.RoundId, m.Mark });
        b.Property(m => m.Mark).HasMaxLength(32);
        b.HasOne<PulseRound>().WithMany().HasForeignKey(m => m.RoundId);
    }

    public void Configure(EntityTypeBuilder<PulseSealedAnswer> b)
    {
        b.HasIndex(a => a.RoundId);
        b.HasOne<PulseRound>().WithMany().HasForeignKey(a => a.RoundId);
    }
}
