using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Features.Pulse;

// One submission to a closed round, written by the close in shuffled order under a random
// respondent id — never the member id, and no time: nothing in the row or its place follows
// who answered or when. AnsweredAt is only set on rows stored before responses were sealed.
internal sealed class PulseResponse : IWorkspaceOwned
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long RoundId { get; set; }
    public required string Respondent { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? Comment { get; set; }
    // Where a manager's anonymous reply to the comment goes: the author's platform user id,
    // sealed with the server's key (CommentThreads). Null without a comment, and once `forget me`
    // or retention has removed it.
    public string? ReplyRoute { get; set; }
    public List<PulseAnswer> Answers { get; set; } = [];
}

// One Likert answer (1–5) to one question of the round.
internal sealed class PulseAnswer : IWorkspaceOwned
{
    public long ResponseId { get; set; }
    public long WorkspaceId { get; set; }
    public required string QuestionKey { get; set; }
    public int Value { get; set; }
}

// A team's own question, tagged with the dimension it measures.
internal sealed class PulseQuestion : IWorkspaceOwned
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long TeamId { get; set; }
    public required string Dimension { get; set; }
    public required string Text { get; set; }
    public bool Reversed { get; set; }
    public bool Active { get; set; } = true;

    public string Key => $"c{Id}";
}

internal sealed class PulseResponseConfiguration : IEntityTypeConfiguration<PulseResponse>, IEntityTypeConfiguration<PulseAnswer>,
    IEntityTypeConfiguration<PulseQuestion>
{
    public void Configure(EntityTypeBuilder<PulseResponse> b)
    {
        b.HasIndex(r => new { r.RoundId, r.Respondent }).IsUnique();
        b.Property(r => r.Respondent).HasMaxLength(32);
        b.Property(r => r.Comment).HasMaxLength(2000);
        b.Property(r => r.ReplyRoute).HasMaxLength(400);
        b.HasOne<PulseRound>().WithMany().HasForeignKey(r => r.RoundId);
        b.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId);
    }

    public void Configure(EntityTypeBuilder<PulseAnswer> b)
    {
        b.HasKey(a => new { a.ResponseId, a.QuestionKey });
        b.Property(a => a.QuestionKey).HasMaxLength(32);
        b.ToTable(t => t.HasCheckConstraint("CK_PulseAnswers_Value", "\"Value\" BETWEEN 1 AND 5"));
    }

    public void Configure(EntityTypeBuilder<PulseQuestion> b)
    {
        b.HasIndex(q => q.TeamId);
        b.Property(q => q.Dimension).HasMaxLength(32);
        b.Property(q => q.Text).HasMaxLength(300);
        b.Ignore(q => q.Key);
        b.HasOne<Team>().WithMany().HasForeignKey(q => q.TeamId);
    }
}
