using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Storage;

// What an install left us: who installed, the bot's identity, the (encrypted) token and the
// conversation reference needed to message proactively later.
internal sealed class Installation : IWorkspaceOwned
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public Platform Platform { get; set; }
    public string? EnterpriseId { get; set; }
    public required string InstalledBy { get; set; }
    public string? BotUserId { get; set; }
    public string? EncryptedBotToken { get; set; }
    public string? Scopes { get; set; }
    public string? ConversationRefJson { get; set; }
    public DateTimeOffset InstalledAt { get; set; }
    public DateTimeOffset? UninstalledAt { get; set; }
}

internal sealed class InstallationConfiguration : IEntityTypeConfiguration<Installation>
{
    public void Configure(EntityTypeBuilder<Installation> b)
    {
        b.HasIndex(i => new { i.WorkspaceId, i.Platform });
        b.Property(i => i.EnterpriseId).HasMaxLength(100);
        b.Property(i => i.InstalledBy).HasMaxLength(100);
        b.Property(i => i.BotUserId).HasMaxLength(100);
        b.Property(i => i.Scopes).HasMaxLength(1000);
    }
}
