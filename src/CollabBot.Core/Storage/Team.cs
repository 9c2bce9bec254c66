using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Storage;

// A sales team bound to one channel, with its own zone, language, privacy threshold and schedule.
internal sealed class Team : IWorkspaceOwned
{
    public const int MinAnonymity = 3;
    public const int MaxName = 200;
    public static readonly string[] DefaultKudosValues = ["teamwork", "customer-first", "ownership", "learning"];

    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public required string Name { get; set; }
    public required string ChannelId { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public string Locale { get; set; } = "en";
    public int AnonymityThreshold { get; set; } = 5;
    public DayOfWeek PulseDay { get; set; } = DayOfWeek.Friday;
    public TimeOnly PulseTime { get; set; } = new(15, 0);
    public int ReminderAfterHours { get; set; } = 20;
    public int CloseAfterHours { get; set; } = 72;
    public DayOfWeek CheckInDay { get; set; } = DayOfWeek.Thursday;
    public TimeOnly CheckInTime { get; set; } = new(10, 0);
    public DayOfWeek DigestDay { get; set; } = DayOfWeek.Monday;
    public TimeOnly DigestTime { get; set; } = new(9, 0);
    public DateOnly? PulsePausedUntil { get; set; }
    public string KudosValues { get; set; } = string.Join(',', DefaultKudosValues);
    public int DailyKudosLimit { get; set; } = 5;
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

    public Workspace? Workspace { get; set; }

    public IReadOnlyList<string> KudosValueList() =>
        KudosValues.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // k is never below 3, whatever was configured (cei-1 model, Private by construction).
    public int EffectiveAnonymity => Math.Max(MinAnonymity, AnonymityThreshold);
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.HasIndex(t => new { t.WorkspaceId, t.ChannelId }).IsUnique();
        b.HasOne(t => t.Workspace).WithMany().HasForeignKey(t => t.WorkspaceId);
        b.Property(t => t.Name).HasMaxLength(Team.MaxName);
        b.Property(t => t.ChannelId).HasMaxLength(100);
        b.Property(t => t.TimeZone).HasMaxLength(64);
        b.Property(t => t.Locale).HasMaxLength(16);
        b.Property(t => t.KudosValues).HasMaxLength(500);
        b.ToTable(t => t.HasCheckConstraint("CK_Teams_Anonymity", "\"AnonymityThreshold\" >= 3"));
    }
}
