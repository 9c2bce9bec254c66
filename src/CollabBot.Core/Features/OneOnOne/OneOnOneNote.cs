using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Features.OneOnOne;

// A talking point a member adds for their next 1:1. Their own personal data: in `export me`,
// gone with `forget me`, and shown only on their own agenda.
internal sealed class OneOnOneNote : IWorkspaceOwned
{
    public const int MaxText = 500;

    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long TeamId { get; set; }
    public long MemberId { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class OneOnOneNoteConfiguration : IEntityTypeConfiguration<OneOnOneNote>
{
    public void Configure(EntityTypeBuilder<OneOnOneNote> b)
    {
        b.HasIndex(n => new { n.MemberId, n.At });
        b.Property(n => n.Text).HasMaxLength(OneOnOneNote.MaxText);
        b.HasOne<Team>().WithMany().HasForeignKey(n => n.TeamId);
        b.HasOne<Member>().WithMany().HasForeignKey(n => n.MemberId);
    }
}
