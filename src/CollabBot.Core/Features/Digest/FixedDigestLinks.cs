namespace CollabBot.Core.Features.Digest;

// Links of the right shape with a fixed expiry and a placeholder signature: what the card
// catalogue and golden files show. They open nothing on a real host (the signature is wrong).
internal sealed class FixedDigestLinks(string baseUrl) : IDigestLinks
{
    private const string Query = "?exp=1798761600&sig=sample-signature";

    public DigestLinks For(long teamId, string week)
    {
        var path = $"{baseUrl.TrimEnd('/')}/digest/{teamId}/{week}";
        return new DigestLinks($"{path}/chart.png{Query}", path + Query);
    }
}
