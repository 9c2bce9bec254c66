using CollabBot.Core.Localization;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Features.Handoffs;

// One item of a team's own checklist for a role pair. A pair the team never edited has no rows
// and uses its default list; the first edit copies the defaults in. A default item keeps its
// Key (so it stays in both languages), an added one has Text as the admin typed it.
internal sealed class HandoffChecklistItem : IWorkspaceOwned
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long TeamId { get; set; }
    public required string RolePair { get; set; }
    public int Position { get; set; }
    public string? Key { get; set; }
    public string? Text { get; set; }
}

internal sealed class HandoffChecklistConfiguration : IEntityTypeConfiguration<HandoffChecklistItem>
{
    public void Configure(EntityTypeBuilder<HandoffChecklistItem> b)
    {
        b.ToTable("HandoffChecklistItems");
        b.HasIndex(i => new { i.TeamId, i.RolePair });
        b.Property(i => i.RolePair).HasMaxLength(16);
        b.Property(i => i.Key).HasMaxLength(32);
        b.Property(i => i.Text).HasMaxLength(HandoffChecklist.MaxText);
        b.HasOne<Team>().WithMany().HasForeignKey(i => i.TeamId);
    }
}

// An item as a form offers it: Id is the choice's value (a default's key, or "c" + row id),
// Title in the reader's language, Recorded the name kept in the rating's missing items
// (English for defaults, as the model records them).
internal sealed record ChecklistEntry(string Id, string Title, string Recorded);

internal static class HandoffChecklist
{
    public const int MaxText = 90;   // ten of them still fit a rating's missing-items field (1000)
    // Slack's checkbox group takes at most ten options.
    public const int MaxItems = 10;

    // The cei-1 model's default list, for any pair without one of its own.
    public static readonly IReadOnlyList<string> General = ["budget", "decision-maker", "need", "timeline", "next-step", "crm"];

    // What the receiver needs at each step of the chain.
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Defaults = new Dictionary<string, IReadOnlyList<string>>
    {
        ["SDR>AE"] = General,
        ["AE>SE"] = ["use-case", "tech-contact", "stack", "demo-scope", "eval-date", "crm"],
        ["SE>AE"] = ["tech-fit", "gaps", "trial-results", "tech-buyer", "next-step", "crm"],
        ["AE>CSM"] = ["contract", "success-criteria", "stakeholders", "promises", "kickoff", "crm"],
        ["CSM>AM"] = ["health", "renewal", "expansion", "risks", "stakeholder-map", "crm"],
    };

    public static IReadOnlyList<string> DefaultFor(string pair) => Defaults.GetValueOrDefault(pair) ?? General;

    public static async Task<List<ChecklistEntry>> ForPairAsync(CollabDbContext db, long teamId, string pair, Texts t, CancellationToken ct)
    {
        var rows = await RowsAsync(db, teamId, pair, ct);
        return rows.Count > 0 ? rows.Select(r => Entry(r, t)).ToList() : DefaultFor(pair).Select(k => Entry(k, t)).ToList();
    }

    public static Task<List<HandoffChecklistItem>> RowsAsync(CollabDbContext db, long teamId, string pair, CancellationToken ct) =>
        db.Set<HandoffChecklistItem>().Where(i => i.TeamId == teamId && i.RolePair == pair).OrderBy(i => i.Position).ThenBy(i => i.Id).ToListAsync(ct);

    public static ChecklistEntry Entry(HandoffChecklistItem row, Texts t) =>
        row.Key is { } key ? Entry(key, t) : new ChecklistEntry("c" + row.Id, row.Text ?? "", row.Text ?? "");

    public static ChecklistEntry Entry(string key, Texts t) => new(key, t["checklist." + key], English["checklist." + key]);

    // A recorded name back in the reader's language where it is a default item's.
    public static string Localize(string recorded, Texts t) =>
        ByEnglish.Value.TryGetValue(recorded, out var key) ? t["checklist." + key] : recorded;

    private static readonly Texts English = Texts.For(Texts.English);

    private static readonly Lazy<Dictionary<string, string>> ByEnglish = new(() =>
        Defaults.Values.SelectMany(v => v).Concat(General).Distinct().ToDictionary(k => English["checklist." + k], k => k));
}
