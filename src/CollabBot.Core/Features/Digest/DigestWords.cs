using System.Globalization;
using CollabBot.Core.Localization;
using CollabBot.Core.Scoring;

namespace CollabBot.Core.Features.Digest;

// What the digest says about the week's pulse: still open (and until when), closed with too
// few answers, closed and shown, or none at all. Only the caller knows a round is still open.
internal enum PulseShown { Shown, Open, TooFew, None }

// The digest's figures in words: uncertainty, components, weights and the pulse's state.
internal static class DigestWords
{
    public static PulseShown PulseState(Snapshot s, string? openUntil) =>
        openUntil is not null ? PulseShown.Open
        : s.Participation.Rounds == 0 ? PulseShown.None
        : s.Dimensions.SelectMany(d => d.Components).Any(c => Components.IsSurvey(c.Id) && c.Status == ComponentStatus.Suppressed)
          || s.Participation.Respondents < s.Inputs.K ? PulseShown.TooFew
        : PulseShown.Shown;

    public static string Participation(Texts t, Snapshot s, string? openUntil) => PulseState(s, openUntil) switch
    {
        // While open the scorer ran with k withheld; the team's k is what the close will apply.
        PulseShown.Open => t.F("digest.pulse.open", s.Participation.Respondents, s.Participation.Invited, openUntil, s.Team.AnonymityThreshold),
        PulseShown.None => t["digest.pulse.none"],
        PulseShown.TooFew => t.F("digest.pulse.few", s.Participation.Respondents, s.Participation.Invited, s.Inputs.K),
        _ => t.F("digest.pulse.shown", s.Participation.Respondents, s.Participation.Invited),
    };

    // " ±3" beside a figure; nothing where there is no error estimate, and never "±0": a figure
    // from one rating says so, and an error that rounds to nothing is "±<1".
    public static string Uncertainty(Texts t, double? se, int? n)
    {
        if (n == 1) return (t.IsChinese ? "（" : " (") + t["digest.one.rating"] + (t.IsChinese ? "）" : ")");
        if (se is null) return "";
        return Insights.P(se) == "0" ? " ±<1" : " ±" + Insights.P(se);
    }

    // A dimension rests on one rating when every figure it uses does.
    public static int? DimensionN(SnapshotDimension d)
    {
        var used = d.Components.Where(c => c.Status == ComponentStatus.Ok && c.Value is not null).ToList();
        return used.Count > 0 && used.All(c => c.N == 1) ? 1 : null;
    }

    public static string ComponentName(Texts t, string id)
    {
        var key = "component." + (Components.IsSurvey(id) ? "survey" : id);
        return t.Has(key) ? t[key] : id;
    }

    // "15% of Recognition": the share of its dimension a component carries.
    public static string Weight(Texts t, SnapshotComponent c, string dimensionId) =>
        t.F("digest.component.weight", (c.Weight * 100).ToString("0.#", CultureInfo.InvariantCulture), CeiModel.Dimension(dimensionId).Name(t.Locale));

    // "+3", "−3" or "0": the sign of the rounded figure, so a change that rounds to nothing is never "-0".
    public static string Signed(double? x) => Math.Round(x ?? 0, MidpointRounding.AwayFromZero) switch
    {
        > 0 => "+" + Insights.P(x),
        < 0 => "−" + Insights.P(Math.Abs(x!.Value)),
        _ => "0",
    };
}
