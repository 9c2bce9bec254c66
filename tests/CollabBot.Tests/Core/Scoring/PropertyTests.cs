using CollabBot.Core;
using CollabBot.Core.Scoring;
using CsCheck;
using static CollabBot.Tests.Core.Scoring.TeamDataBuilder;

namespace CollabBot.Tests.Core.Scoring;

public sealed class PropertyTests
{
    private static bool InRange(double? x) => x is null || (x >= 0 && x <= 100 && double.IsFinite(x.Value));

    [Fact]
    public void Every_score_is_between_0_and_100()
    {
        RandomTeams.Gen.Sample(d =>
        {
            var s = Scorer.Score(d, W47);
            return InRange(s.Cei.Score)
                && s.Dimensions.All(x => InRange(x.Score) && x.Components.All(c => InRange(c.Value)))
                && s.Dimensions.All(x => x.Se is null || x.Se >= 0);
        }, iter: 400);
    }

    [Fact]
    public void No_survey_figure_ever_appears_with_fewer_than_k_respondents()
    {
        RandomTeams.Gen.Sample(d =>
        {
            var s = Scorer.Score(d, W47);
            var k = Math.Max(3, d.Team.AnonymityThreshold);
            var surveys = s.Dimensions.SelectMany(x => x.Components).Where(c => Components.IsSurvey(c.Id)).ToList();
            var json = CollabJson.Serialize(s);
            return s.Team.AnonymityThreshold >= 3
                && surveys.All(c => c.Value is null ? c.N is null && c.Se is null : c.N >= k)
                && !json.Contains("\"comment", StringComparison.Ordinal);
        }, iter: 400);
    }

    [Fact]
    public void Raising_one_answer_never_lowers_its_dimension()
    {
        RandomTeams.Gen.Sample(d =>
        {
            var candidates = d.PulseAnswers.Select((a, i) => (a, i))
                .Where(x => x.a.Answers.Any(kv => kv.Value is >= 1 and < 5)).ToList();
            if (candidates.Count == 0) return true;
            var (answer, index) = candidates[0];
            var (q, v) = answer.Answers.First(kv => kv.Value is >= 1 and < 5);
            var round = d.PulseRounds.First(r => r.Id == answer.Round);
            var question = round.Questions.FirstOrDefault(x => x.Id == q);
            if (question is null) return true;
            // "Favourable" means toward 5 after reversal: raise a plain answer, lower a reversed one.
            var better = question.Reversed ? Math.Max(1, v - 1) : v + 1;
            if (better == v) return true;
            var changed = d with
            {
                PulseAnswers = d.PulseAnswers.Select((a, i) => i != index ? a
                    : a with { Answers = a.Answers.ToDictionary(kv => kv.Key, kv => kv.Key == q ? better : kv.Value) }).ToList(),
            };
            var before = Scorer.Score(d, W47).Dimensions.Single(x => x.Id == question.Dimension).Score;
            var after = Scorer.Score(changed, W47).Dimensions.Single(x => x.Id == question.Dimension).Score;
            return before is null || after >= before - 1e-9;
        }, iter: 400);
    }

    [Fact]
    public void Adding_a_fast_favourable_respondent_never_lowers_a_scored_dimension()
    {
        RandomTeams.Gen.Sample(d =>
        {
            var week = d.PulseRounds.Where(r => IsoWeek.Containing(r.SentAt, TimeZoneInfo.FindSystemTimeZoneById(d.Team.TimeZone)) == W47).ToList();
            if (week.Count == 0 || week[0].Questions.Count == 0) return true;
            var round = week[0];
            var extra = new PulseAnswerInfo(round.Id, "extra", round.SentAt, round.Questions.ToDictionary(q => q.Id, q => q.Reversed ? 1 : 5), null);
            var more = d with
            {
                Members = [.. d.Members, new MemberInfo("x", "X", "AE", false, round.SentAt.AddDays(-30), null)],
                PulseRounds = d.PulseRounds.Select(r => r.Id == round.Id ? r with { Invited = [.. r.Invited, "x"] } : r).ToList(),
                PulseAnswers = [.. d.PulseAnswers, extra],
            };
            var before = Scorer.Score(d, W47);
            var after = Scorer.Score(more, W47);
            // Recognition is left out: the new member also joins its denominators.
            return round.Questions.Select(q => q.Dimension).Distinct().Where(dim => dim != "recognition").All(dim =>
            {
                var b = before.Dimensions.Single(x => x.Id == dim);
                var surveyed = b.Components.Single(c => Components.IsSurvey(c.Id)).Status == ComponentStatus.Ok;
                return b.Score is null || !surveyed || after.Dimensions.Single(x => x.Id == dim).Score >= b.Score - 1e-9;
            });
        }, iter: 400);
    }

    [Fact]
    public void Scoring_is_deterministic_and_survives_an_export_round_trip()
    {
        RandomTeams.Gen.Sample(d =>
        {
            var direct = CollabJson.Serialize(Scorer.Score(d, W47));
            var reloaded = CollabJson.Deserialize<TeamData>(CollabJson.Serialize(d));
            return direct == CollabJson.Serialize(Scorer.Score(reloaded, W47));
        }, iter: 200);
    }
}
