namespace CollabBot.Core.Features.Digest;

// Where a stored digest can be seen outside chat: its chart as a PNG and the full page.
// Both are bearer links (signed, expiring); Core only carries them into cards as data.
internal sealed record DigestLinks(string ChartUrl, string PageUrl);

// Mints the links for one team-week. The host implements it with signed URLs; without an
// implementation registered, digests simply have no chart or page link.
internal interface IDigestLinks
{
    DigestLinks For(long teamId, string week);
}
