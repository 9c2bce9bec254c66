using CollabBot.Core;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Scoring;
using CollabBot.Core.Storage;
using CollabBot.Host.Cli;
using CollabBot.Host.Digest;
using CollabBot.Tests.Core.Features.Digest;
using CollabBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Host.Digest;

// One real host for the link tests: the demo team (workspace "demo", eight stored weeks) and
// a Chinese-speaking team in another workspace with two stored weeks and a gap between them.
public sealed class DigestHostFixture : IAsyncLifetime
{
    internal CollabBotFactory Factory { get; } = new();
    public HttpClient Client { get; private set; } = null!;
    public long DemoTeam { get; private set; }
    public long OtherTeam { get; private set; }
    public string Week { get; private set; } = "";

    internal SignedDigestLinks Links => Factory.Services.GetRequiredService<SignedDigestLinks>();

    public async ValueTask InitializeAsync()
    {
        Client = Factory.CreateClient(new() { AllowAutoRedirect = false });
        await DemoVerb.RunAsync(Factory.Services, TextWriter.Null);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabDbContext>();
        DemoTeam = (await db.Unscoped<Team>().SingleAsync()).Id;
        Week = (await db.Unscoped<DigestSnapshot>().Where(s => s.TeamId == DemoTeam).MaxAsync(s => s.Week))!;

        var (ws, team, _) = await Seed.TeamAsync(db, "T-OTHER");
        team.Locale = "zh-Hans";
        OtherTeam = team.Id;
        var week = IsoWeek.Parse(Week);
        foreach (var (w, cei) in new[] { (week.Minus(2), 48.0), (week, 55.0) })
        {
            var s = SampleSnapshots.Make(w.ToString(), cei, team: "Other Sales", zone: "Asia/Shanghai");
            db.Add(SampleSnapshots.Row(team, s));
        }
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
