using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Features.Kudos;

// One act of recognition; it may name several receivers.
internal sealed class KudosPost : IWorkspaceOwned
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long TeamId { get; set; }
    public long GiverId { get; set; }
    public string? Value { get; set; }
    public required string Message { get; set; }
    public DateTimeOffset At { get; set; }
    public List<KudosReceiver> Receivers { get; set; } = [];
}

internal sealed class KudosReceiver : IWorkspaceOwned
{
    public long KudosId { get; set; }
    public long MemberId { get; set; }
    public long WorkspaceId { get; set; }
}

internal sealed class KudosConfiguration : IEntityTypeConfiguration<KudosPost>, IEntityTypeConfiguration<KudosReceiver>
{
    public void Configure(EntityTypeBuilder<KudosPost> b)
    {
        b.ToTable("Kudos");
        b.HasIndex(k => new { k.TeamId, k.At });
        b.HasIndex(k => new { k.GiverId, k.At });
        b.Property(k => k.Value).HasMaxLength(50);
        b.Property(k => k.Message).HasMaxLength(1000);
        b.HasOne<Team>().WithMany().HasForeignKey(k => k.TeamId);
        b.HasOne<Member>().WithMany().HasForeignKey(k => k.GiverId);
        b.HasMany(k => k.Receivers).WithOne().HasForeignKey(r => r.KudosId);
    }

    public void Configure(EntityTypeBuilder<KudosReceiver> b)
    {
        b.HasKey(r => new { r.KudosId, r.MemberId });
        b.HasIndex(r => r.MemberId);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId);
    }
}
