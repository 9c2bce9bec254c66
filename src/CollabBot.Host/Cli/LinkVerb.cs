using System.Globalization;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using CollabBot.Host.Digest;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Host.Cli;

// `link digest --team <id> --week <yyyy-Www> [--expires <ISO-8601>]`: prints the signed page
// URL of a stored digest (and the chart URL on a second line), signed with the same key the
// running host checks. --expires sets the instant it stops working (default Bot:LinkDays
// from now); an instant in the past makes a link that is refused, for checking refusals.
internal static class LinkVerb
{
    public sealed record Request(long TeamId, IsoWeek Week, DateTimeOffset? Expires);

    // Checked before any service starts, so a typo never touches the database.
    public static Request Parse(CliArgs cli, string what)
    {
        if (what != "digest") throw new UsageException(what.Length == 0 ? "say what to link: link digest …" : $"cannot link '{what}'; only 'digest'");
        cli.AllowOnly("team", "week", "expires");
        var team = cli.Required("team");
        if (!long.TryParse(team.TrimStart('t'), NumberStyles.None, CultureInfo.InvariantCulture, out var teamId))
            throw new UsageException($"--team '{team}' is not a team id such as t1 or 1");
        if (!IsoWeek.TryParse(cli.Required("week"), out var week)) throw new UsageException($"--week '{cli.Required("week")}' is not an ISO week such as 2026-W47");
        DateTimeOffset? expires = null;
        if (cli.Optional("expires") is { } text)
            expires = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at : throw new UsageException($"--expires '{text}' is not an ISO-8601 instant");
        return new Request(teamId, week, expires);
    }

    public static async Task<int> RunAsync(IServiceProvider services, Request r, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        var week = r.Week.ToString();
        if (!await db.Unscoped<Team>().AnyAsync(t => t.Id == r.TeamId && t.Active))
            throw new UsageException($"there is no active team t{r.TeamId}");
        if (!await db.Unscoped<DigestSnapshot>().AnyAsync(s => s.TeamId == r.TeamId && s.Week == week && s.Model == CeiModel.Id))
            throw new UsageException($"team t{r.TeamId} has no stored digest for {week} (the weekly job, or `demo`, stores them)");
        var links = scope.ServiceProvider.GetRequiredService<SignedDigestLinks>();
        var minted = r.Expires is { } at ? links.For(r.TeamId, week, at) : links.For(r.TeamId, week);
        output.WriteLine(minted.PageUrl);
        output.WriteLine(minted.ChartUrl);
        return 0;
    }
}
