namespace CollabBot.Core.Scoring;

internal sealed record WeightedComponent(ComponentValue Component, double Weight, double EffectiveWeight);

internal sealed record DimensionScore(DimensionDef Def, double? Score, double? Se, IReadOnlyList<WeightedComponent> Components);

internal sealed record CeiScore(double? Score, double? Se, int Coverage, IReadOnlyList<string> Scored);

// One week scored: components → dimensions (weighted mean of what is available) → CEI.
internal sealed record WeekScore(WeekInputs Inputs, IReadOnlyDictionary<string, ComponentValue> Components,
    IReadOnlyList<DimensionScore> Dimensions, CeiScore Cei)
{
    public static WeekScore Compute(TeamData data, IsoWeek week, DateTimeOffset asOf)
    {
        var inputs = WeekInputs.Build(data, week, asOf);
        var components = ComponentScores.Compute(inputs);
        var dims = CeiModel.Dimensions.Select(d => Dimension(d, components, data.Team.Weights)).ToList();
        return new WeekScore(inputs, components, dims, CeiOf(dims));
    }

    public DimensionScore Dimension(string id) => Dimensions.First(d => d.Def.Id == id);

    // Weights of missing components are dropped and the rest renormalised;
    // SE_dim = √(Σ wᵢ² SEᵢ²) / Σ wᵢ over the available components.
    private static DimensionScore Dimension(DimensionDef def, IReadOnlyDictionary<string, ComponentValue> all,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? weights)
    {
        var parts = def.Components.Select(c => (value: all[c.Id], weight: CeiModel.Weight(def, c.Id, weights))).ToList();
        var available = parts.Where(p => p.value.Status == ComponentStatus.Ok && p.weight > 0).ToList();
        var total = available.Sum(p => p.weight);
        var weighted = parts.Select(p => new WeightedComponent(p.value, p.weight,
            p.value.Status == ComponentStatus.Ok && total > 0 ? p.weight / total : 0)).ToList();
        if (available.Count == 0 || total <= 0) return new DimensionScore(def, null, null, weighted);
        var score = available.Sum(p => p.weight * p.value.Value!.Value) / total;
        var se = Math.Sqrt(available.Sum(p => p.weight * p.weight * p.value.Se!.Value * p.value.Se!.Value)) / total;
        return new DimensionScore(def, score, se, weighted);
    }

    // CEI = mean of the scored dimensions; SE = √(Σ SE_dim²) / count.
    private static CeiScore CeiOf(IReadOnlyList<DimensionScore> dims)
    {
        var scored = dims.Where(d => d.Score is not null).ToList();
        if (scored.Count == 0) return new CeiScore(null, null, 0, []);
        return new CeiScore(
            scored.Average(d => d.Score!.Value),
            Math.Sqrt(scored.Sum(d => d.Se!.Value * d.Se!.Value)) / scored.Count,
            scored.Count,
            scored.Select(d => d.Def.Id).ToList());
    }
}
