using System.Text.RegularExpressions;
using CollabBot.Core.Bot;
using CollabBot.Core.Storage;

namespace CollabBot.Core.Features.Handoffs;

// The seats of the sales chain (SDR → AE → SE/CSM → AM). A handoff's role pair is the giver's
// and the receiver's seats, "SDR>AE"; someone with no seat counts as "Rep".
internal static partial class SalesRoles
{
    public const string None = "Rep";
    public static readonly IReadOnlyList<string> All = ["SDR", "AE", "SE", "CSM", "AM"];

    // "sdr", "AE " → "SDR", "AE"; anything else → null.
    public static string? Parse(string word) =>
        All.FirstOrDefault(r => r.Equals(word.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Of(Member m) => m.SalesRole ?? None;

    public static string Pair(Member from, Member to) => $"{Of(from)}>{Of(to)}";

    public static string Show(string pair) => pair.Replace(">", " → ", StringComparison.Ordinal);

    // "SDR>AE", "sdr→ae", "SDR->AE" → "SDR>AE"; both sides a seat or "Rep", else null. Slack
    // and Teams both send a typed '>' as "&gt;".
    public static string? ParsePair(string text)
    {
        var parts = text.Replace("&gt;", ">", StringComparison.Ordinal).Replace("->", ">", StringComparison.Ordinal).Replace('→', '>').Split('>');
        if (parts.Length != 2) return null;
        string? Side(string s) => Parse(s) ?? (s.Trim().Equals(None, StringComparison.OrdinalIgnoreCase) ? None : null);
        return Side(parts[0]) is { } from && Side(parts[1]) is { } to ? $"{from}>{to}" : null;
    }

    // A job title that names a seat: "AE", "Senior Account Executive", "SDR", "BDR",
    // "Solutions Engineer", "Customer Success Manager", "Account Manager", 客户成功经理 …
    // Checked in this order, so "Customer Success Manager" is a CSM, not an account manager.
    public static string? FromTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        foreach (var (role, pattern) in TitlePatterns)
            if (pattern.IsMatch(title)) return role;
        return null;
    }

    // What the platform says of a member: the email is kept current, and a title that names a
    // seat sets the sales role until an admin sets one. True when something changed.
    public static bool Apply(Member m, MemberProfile profile)
    {
        var changed = false;
        if (NormalizeEmail(profile.Email) is { } email && m.Email != email) (m.Email, changed) = (email, true);
        if (profile.Title is not null && (m.SalesRole is null || m.SalesRoleFromTitle))
        {
            var role = FromTitle(profile.Title);
            if (m.SalesRole != role) (m.SalesRole, m.SalesRoleFromTitle, changed) = (role, role is not null, true);
        }
        return changed;
    }

    // Emails compare case-insensitively in practice (every CRM and chat platform does).
    public static string? NormalizeEmail(string? email)
    {
        var e = email?.Trim().ToLowerInvariant();
        return e is { Length: > 2 and <= 254 } && e.IndexOf('@') is > 0 and var at && at < e.Length - 1 && !e.Contains(' ') ? e : null;
    }

    private static readonly (string Role, Regex Pattern)[] TitlePatterns =
    [
        ("SDR", Sdr()), ("SE", Se()), ("CSM", Csm()), ("AE", Ae()), ("AM", Am()),
    ];

    // Abbreviations stand alone among Latin letters (a Chinese title may run into them:
    // "资深AE"); two-letter ones only in capitals, so "am" or "se" in other words never count.
    [GeneratedRegex(@"(?<![A-Za-z])(?i:SDR|BDR|LDR)s?(?![A-Za-z])|(?i:sales development|business development rep|lead development)|销售开发|商务拓展代表")]
    private static partial Regex Sdr();

    [GeneratedRegex(@"(?<![A-Za-z])SEs?(?![A-Za-z])|(?i:(sales|solutions?|pre-?sales) (engineer|consultant|architect))|售前|解决方案(工程师|顾问|架构师)")]
    private static partial Regex Se();

    [GeneratedRegex(@"(?<![A-Za-z])(?i:CSM)s?(?![A-Za-z])|(?i:customer success)|客户成功")]
    private static partial Regex Csm();

    [GeneratedRegex(@"(?<![A-Za-z])AEs?(?![A-Za-z])|(?i:account executive)|大客户销售|客户主管")]
    private static partial Regex Ae();

    [GeneratedRegex(@"(?<![A-Za-z])AMs?(?![A-Za-z])|(?i:account manager)|客户经理")]
    private static partial Regex Am();
}
