using System.Globalization;
using CollabBot.Host.Digest;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.Tests.Host.Digest;

public sealed class LinkSignerTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    private (string Exp, string Sig) Sign(string path, DateTimeOffset expires)
    {
        var q = System.Web.HttpUtility.ParseQueryString(new LinkSigner(Key, _time).Query(path, expires));
        return (q["exp"]!, q["sig"]!);
    }

    [Fact]
    public void A_fresh_link_is_valid_until_it_expires_and_not_a_second_longer()
    {
        var signer = new LinkSigner(Key, _time);
        var (exp, sig) = Sign("/digest/1/2026-W47", Now.AddDays(14));
        Assert.True(signer.IsValid("/digest/1/2026-W47", exp, sig, out var expires));
        Assert.Equal(Now.AddDays(14), expires);
        _time.Advance(TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1));
        Assert.True(signer.IsValid("/digest/1/2026-W47", exp, sig, out _));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(signer.IsValid("/digest/1/2026-W47", exp, sig, out _));
    }

    [Fact]
    public void Anything_changed_is_refused()
    {
        var signer = new LinkSigner(Key, _time);
        var (exp, sig) = Sign("/digest/1/2026-W47", Now.AddDays(14));
        Assert.False(signer.IsValid("/digest/2/2026-W47", exp, sig, out _));            // another team
        Assert.False(signer.IsValid("/digest/1/2026-W46", exp, sig, out _));            // another week
        Assert.False(signer.IsValid("/digest/1/2026-W47/chart.png", exp, sig, out _));  // another resource
        Assert.False(signer.IsValid("/digest/1/2026-W47", (long.Parse(exp, CultureInfo.InvariantCulture) + 86400).ToString(CultureInfo.InvariantCulture), sig, out _));  // a longer life
        Assert.False(signer.IsValid("/digest/1/2026-W47", exp, sig[..^1], out _));
        Assert.False(signer.IsValid("/digest/1/2026-W47", exp, sig + "A", out _));
        Assert.False(signer.IsValid("/digest/1/2026-W47", exp, null, out _));
        Assert.False(signer.IsValid("/digest/1/2026-W47", null, sig, out _));
        Assert.False(new LinkSigner([.. Key.Reverse()], _time).IsValid("/digest/1/2026-W47", exp, sig, out _));  // another key
    }

    [Theory]
    [InlineData("+1798761600")]
    [InlineData("-1")]
    [InlineData(" 1798761600")]
    [InlineData("1e9")]
    [InlineData("99999999999999999999")]
    public void Exp_must_be_plain_unix_seconds(string exp) =>
        Assert.False(new LinkSigner(Key, _time).IsValid("/digest/1/2026-W47", exp, new string('A', 43), out _));

    [Fact]
    public void Every_character_of_the_signature_counts_including_its_last_bits()
    {
        var signer = new LinkSigner(Key, _time);
        var (exp, sig) = Sign("/digest/1/2026-W47", Now.AddDays(1));
        // 43 base64url characters carry 258 bits for a 256-bit MAC: another spelling of the same
        // bytes (the two spare bits set) must not pass either.
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = alphabet.IndexOf(sig[^1]);
        foreach (var other in alphabet.Where((_, i) => i != last))
            Assert.False(signer.IsValid("/digest/1/2026-W47", exp, sig[..^1] + other, out _));
    }

    [Fact]
    public void A_short_key_is_refused() => Assert.Throws<ArgumentException>(() => new LinkSigner(new byte[16], TimeProvider.System));
}
