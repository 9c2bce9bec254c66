using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Storage;

// A person in one team. SalesRole is the seat on the handoff chain (SDR, AE, SE, CSM, AM),
// apart from the bot's permissions (manager, admin): changing one never changes the other.
// SalesRoleFromTitle: the role was read from the platform profile's title, which keeps it
// current until an admin sets one. Email is the profile's address, kept to match CRM records.
internal sealed class Member : IWorkspaceOwned
{
    public const int MaxName = 200;

    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long TeamId { get; set; }
    public required string PlatformUserId { get; set; }
    public required string DisplayName { get; set; }
    public string? SalesRole { get; set; }
    public bool SalesRoleFromTitle { get; set; }
    public string? Email { get; set; }
    public bool IsManager { get; set; }
    public bool IsAdmin { get; set; }
    public string? TimeZone { get; set; }
    public string? Locale { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }

    public Team? Team { get; set; }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.HasIndex(m => new { m.TeamId, m.PlatformUserId }).IsUnique();
        // A direct message or a modal names only the user: find their team membership by it.
        b.HasIndex(m => new { m.WorkspaceId, m.PlatformUserId });
        // A CRM names people by email, in no particular workspace.
        b.HasIndex(m => m.Email);
        b.HasOne(m => m.Team).WithMany().HasForeignKey(m => m.TeamId);
        b.Property(m => m.PlatformUserId).HasMaxLength(100);
        b.Property(m => m.DisplayName).HasMaxLength(Member.MaxName);
        b.Property(m => m.SalesRole).HasMaxLength(32);
        b.Property(m => m.Email).HasMaxLength(254);
        b.Property(m => m.TimeZone).HasMaxLength(64);
        b.Property(m => m.Locale).HasMaxLength(16);
    }
}
