using CollabBot.Core.Scoring;
using CsCheck;

namespace CollabBot.Tests.Core.Scoring;

// Random but plausible team data around W47 (including nonsense: out-of-range answers,
// answers before a round, empty targets), for the property tests.
internal static class RandomTeams
{
    public static readonly Gen<TeamData> Gen = CsCheck.Gen.Int[0, int.MaxValue - 1].Select(Make);

    public static TeamData Make(int seed)
    {
        var r = new Random(seed);
        var mon = TeamDataBuilder.Mon.AddDays(-14);
        DateTimeOffset T() => mon.AddMinutes(r.Next(0, 60 * 24 * 28));
        var zones = new[] { "UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin" };
        var members = Enumerable.Range(1, r.Next(0, 12))
            .Select(i => new MemberInfo($"m{i}", $"M{i}", r.Next(3) switch { 0 => "SDR", 1 => "AE", _ => "CSM" }, i == 1,
                mon.AddDays(r.Next(-60, 20)), r.Next(6) == 0 ? mon.AddDays(r.Next(0, 30)) : null)).ToList();
        var ids = members.Select(m => m.Id).ToList();
        string Pick() => ids[r.Next(ids.Count)];
        var dims = CeiModel.DimensionIds.ToList();

        var rounds = Enumerable.Range(1, ids.Count == 0 ? 0 : r.Next(0, 4)).Select(i =>
        {
            var sent = T();
            var questions = dims.Where(_ => r.Next(4) > 0).Select(d => new QuestionInfo(d + ".a", d, r.Next(5) == 0)).ToList();
            return new PulseRoundInfo($"r{i}", sent, sent.AddHours(r.Next(1, 100)), ids.Where(_ => r.Next(5) > 0).ToList(), questions);
        }).ToList();
        var answers = rounds.SelectMany(round => Enumerable.Range(0, r.Next(0, round.Invited.Count + 2)).Select(j =>
            new PulseAnswerInfo(round.Id, $"{round.Id}-p{j}", round.SentAt.AddHours(r.Next(-2, 90)),
                round.Questions.Where(_ => r.Next(6) > 0).ToDictionary(q => q.Id, _ => r.Next(0, 7)), null))).ToList();

        var goals = Enumerable.Range(1, ids.Count == 0 ? 0 : r.Next(0, 8)).Select(i =>
        {
            var start = DateOnly.FromDateTime(mon.AddDays(r.Next(-40, 20)).UtcDateTime);
            return new GoalInfo($"g{i}", Pick(), $"G{i}", r.Next(0, 50), r.Next(0, 150), start, start.AddDays(r.Next(-3, 90)),
                r.Next(2) == 0 ? "tg" : null);
        }).ToList();
        var checkIns = goals.SelectMany(g => Enumerable.Range(0, r.Next(0, 4)).Select(_ =>
            new CheckInInfo(g.Id, T(), r.Next(-20, 200), r.Next(0, 7), r.Next(3) == 0 ? "blocked" : null))).ToList();
        var kudos = Enumerable.Range(0, ids.Count == 0 ? 0 : r.Next(0, 20))
            .Select(_ => new KudosInfo(Pick(), Enumerable.Range(0, r.Next(1, 3)).Select(_ => Pick()).ToList(), "teamwork", T())).ToList();
        var handoffs = Enumerable.Range(1, ids.Count == 0 ? 0 : r.Next(0, 12))
            .Select(i => new HandoffInfo($"h{i}", Pick(), Pick(), r.Next(2) == 0 ? "SDR>AE" : "AE>CSM", "ACME", T())).ToList();
        var feedback = handoffs.Where(_ => r.Next(3) > 0).Select(h =>
        {
            var total = r.Next(0, 7);
            return new HandoffFeedbackInfo(h.Id, r.Next(0, 7), r.Next(0, total + 2), total, h.At.AddHours(r.Next(0, 80)), ["Budget known"]);
        }).ToList();

        return new TeamData(new TeamInfo("t", "T", zones[r.Next(zones.Length)], r.Next(0, 8)),
            members, rounds, answers, goals, checkIns, kudos, handoffs, feedback);
    }
}
