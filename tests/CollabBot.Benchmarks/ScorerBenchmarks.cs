using BenchmarkDotNet.Attributes;
using CollabBot.Core.Scoring;

namespace CollabBot.Benchmarks;

// The pure scorer on one busy team-week: what the job spends per team once data is loaded.
[MemoryDiagnoser]
public class ScorerBenchmarks
{
    private TeamData _team = null!;
    private readonly IsoWeek _week = new(2026, 47);

    [GlobalSetup]
    public void Setup()
    {
        var mon = _week.Start(TimeZoneInfo.Utc);
        var members = Enumerable.Range(1, 10).Select(i => new MemberInfo($"m{i}", $"M{i}", "AE", false, mon.AddDays(-90), null)).ToList();
        var dims = CeiModel.DimensionIds.ToList();
        var rounds = Enumerable.Range(0, 2).Select(w => new PulseRoundInfo($"r{w}", mon.AddDays(-7 * w + 4), mon.AddDays(-7 * w + 6),
            members.Select(m => m.Id).ToList(), dims.Select(d => new QuestionInfo(d + ".a", d, false)).ToList())).ToList();
        var answers = rounds.SelectMany(r => members.Select((m, i) => new PulseAnswerInfo(r.Id, $"{r.Id}-{i}", r.SentAt.AddHours(i + 1),
            dims.ToDictionary(d => d + ".a", d => 1 + (i + d.Length) % 5), null))).ToList();
        _team = new TeamData(new TeamInfo("t1", "T", "UTC", 5), members, rounds, answers, [], [],
            Enumerable.Range(0, 20).Select(i => new KudosInfo($"m{1 + i % 10}", [$"m{1 + (i * 3) % 10}"], "teamwork", mon.AddDays(-i))).ToList(), [], []);
    }

    [Benchmark]
    public object ScoreOneTeamWeek() => Scorer.Score(_team, _week);
}
