using CollabBot.Core.Scoring;

namespace CollabBot.Tests.Core.Scoring;

// Builds scorer input in a few lines. Week 2026-W47 runs Mon 16 Nov – Mon 23 Nov 2026.
internal sealed class TeamDataBuilder(string zone = "UTC", int k = 5)
{
    public static readonly IsoWeek W47 = new(2026, 47);
    public static readonly DateTimeOffset Mon = new(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);

    private readonly List<MemberInfo> _members = [];
    private readonly List<PulseRoundInfo> _rounds = [];
    private readonly List<PulseAnswerInfo> _answers = [];
    private readonly List<GoalInfo> _goals = [];
    private readonly List<CheckInInfo> _checkIns = [];
    private readonly List<KudosInfo> _kudos = [];
    private readonly List<HandoffInfo> _handoffs = [];
    private readonly List<HandoffFeedbackInfo> _feedback = [];

    public static DateTimeOffset At(int day, double hour = 10) => Mon.AddDays(day).AddHours(hour);

    public TeamDataBuilder Members(int n, string? role = "AE")
    {
        for (var i = 0; i < n; i++)
            _members.Add(new MemberInfo($"m{_members.Count + 1}", $"Member {_members.Count + 1}", role, false,
                new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), null));
        return this;
    }

    public TeamDataBuilder Member(MemberInfo m) { _members.Add(m); return this; }

    public IEnumerable<string> MemberIds => _members.Select(m => m.Id);

    public TeamDataBuilder Round(string id, DateTimeOffset sent, int invited, params QuestionInfo[] questions) =>
        Round(id, sent, sent.AddHours(72), _members.Take(invited).Select(m => m.Id).ToList(), questions);

    public TeamDataBuilder Round(string id, DateTimeOffset sent, DateTimeOffset closes, IReadOnlyList<string> invited, params QuestionInfo[] questions)
    {
        _rounds.Add(new PulseRoundInfo(id, sent, closes, invited,
            questions.Length > 0 ? questions : [new QuestionInfo("role.a", "role", false)]));
        return this;
    }

    public TeamDataBuilder Answer(string round, string respondent, DateTimeOffset at, params (string Q, int V)[] answers)
    {
        _answers.Add(new PulseAnswerInfo(round, respondent, at, answers.ToDictionary(a => a.Q, a => a.V), null));
        return this;
    }

    // One respondent per value, answering the question `q` an hour after the round was sent.
    public TeamDataBuilder Answers(string round, string q, params int[] values)
    {
        var sent = _rounds.Single(r => r.Id == round).SentAt;
        foreach (var v in values) Answer(round, $"{round}-p{_answers.Count}", sent.AddHours(1), (q, v));
        return this;
    }

    public TeamDataBuilder Goal(string id, string owner, double start, double target, DateOnly from, DateOnly due, string? teamGoal = null)
    {
        _goals.Add(new GoalInfo(id, owner, $"Goal {id}", start, target, from, due, teamGoal));
        return this;
    }

    public TeamDataBuilder CheckIn(string goal, DateTimeOffset at, double value, int confidence, string? blocker = null)
    {
        _checkIns.Add(new CheckInInfo(goal, at, value, confidence, blocker));
        return this;
    }

    public TeamDataBuilder Kudos(string from, DateTimeOffset at, params string[] to)
    {
        _kudos.Add(new KudosInfo(from, to, "teamwork", at));
        return this;
    }

    public TeamDataBuilder Handoff(string id, string from, string to, DateTimeOffset at, string pair = "SDR>AE")
    {
        _handoffs.Add(new HandoffInfo(id, from, to, pair, "ACME", at));
        return this;
    }

    public TeamDataBuilder Feedback(string handoff, int quality, int present, DateTimeOffset at, params string[] missing)
    {
        _feedback.Add(new HandoffFeedbackInfo(handoff, quality, present, 6, at, missing));
        return this;
    }

    public TeamData Build() => new(new TeamInfo("t1", "West Sales", zone, k),
        _members.ToList(), _rounds.ToList(), _answers.ToList(), _goals.ToList(), _checkIns.ToList(),
        _kudos.ToList(), _handoffs.ToList(), _feedback.ToList());
}
