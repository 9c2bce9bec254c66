namespace CollabBot.Core.Scoring;

internal static class Stats
{
    public static double Mean(IReadOnlyCollection<double> xs) => xs.Sum() / xs.Count;

    // Sample standard deviation (n − 1); 0 for a single value.
    public static double SampleSd(IReadOnlyCollection<double> xs)
    {
        if (xs.Count < 2) return 0;
        var m = Mean(xs);
        return Math.Sqrt(xs.Sum(x => (x - m) * (x - m)) / (xs.Count - 1));
    }

    // The ordinary median: the middle value, or the mean of the two middle values.
    public static double Median(IEnumerable<double> values)
    {
        var xs = values.OrderBy(x => x).ToArray();
        if (xs.Length == 0) throw new ArgumentException("median of nothing");
        var mid = xs.Length / 2;
        return xs.Length % 2 == 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
    }

    // G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄), zeros included.
    public static double Gini(IReadOnlyList<double> xs)
    {
        var n = xs.Count;
        var mean = xs.Sum() / n;
        double sum = 0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                sum += Math.Abs(xs[i] - xs[j]);
        return sum / (2.0 * n * n * mean);
    }

    public static double Clamp01(double x) => Math.Clamp(x, 0, 1);

    // SE of a rate component: 100 × √(p(1 − p)/N).
    public static double RateSe(double p, int n) => 100 * Math.Sqrt(p * (1 - p) / n);
}
