using System.Security.Cryptography;
using CollabBot.Core.Features.Digest;
using Microsoft.AspNetCore.DataProtection;

namespace CollabBot.Host.Digest;

internal static class DigestLinkSetup
{
    private const string KeyFile = "digest-links.key";

    // Needs Data Protection (AddCollabDataProtection) for the key, unless Bot:LinkKey is set.
    public static IServiceCollection AddDigestLinks(this IServiceCollection services, IConfiguration config)
    {
        var options = DigestLinkOptions.From(config);
        services.AddSingleton(options);
        services.AddSingleton(sp => new LinkSigner(LinkKey(options, sp.GetRequiredService<IDataProtectionProvider>(), Security.KeysDirectory(config)),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SignedDigestLinks>();
        services.AddSingleton<IDigestLinks>(sp => sp.GetRequiredService<SignedDigestLinks>());
        return services;
    }

    // Why a dedicated key rather than Data Protection's own Protect(): an HMAC needs raw key
    // bytes, which Data Protection never hands out, and its protected payloads are long,
    // encrypted blobs where a link needs only a short tag over a readable path and expiry.
    // A key of its own also lets an operator revoke every outstanding link (replace the key)
    // without touching the secrets Data Protection seals. It is still kept by Data Protection:
    // generated once, sealed with it and stored in its keys directory — which every host
    // must already share — so all hosts sign and verify alike with nothing new to provision.
    // Bot:LinkKey (base64, ≥ 32 bytes) pins the key explicitly instead.
    private static byte[] LinkKey(DigestLinkOptions options, IDataProtectionProvider dataProtection, string keysDirectory)
    {
        if (options.LinkKey is { Length: > 0 } configured)
        {
            var key = Convert.FromBase64String(configured);
            return key.Length >= LinkSigner.MinKeyBytes ? key
                : throw new InvalidOperationException($"Bot:LinkKey must hold at least {LinkSigner.MinKeyBytes} bytes (base64).");
        }
        var protector = dataProtection.CreateProtector("CollabBot.DigestLinks.Key");
        var path = Path.Combine(keysDirectory, KeyFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(keysDirectory);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temp, protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException)
            {
                // Another host (or CLI run) made the key first: theirs stands, so links agree.
                File.Delete(temp);
            }
        }
        return Convert.FromBase64String(protector.Unprotect(File.ReadAllText(path).Trim()));
    }
}

// The host's links: signed, expiring URLs under Bot:PublicBaseUrl.
internal sealed class SignedDigestLinks(LinkSigner signer, DigestLinkOptions options, TimeProvider time) : IDigestLinks
{
    public DigestLinks For(long teamId, string week) => For(teamId, week, time.GetUtcNow().AddDays(options.LinkDays));

    public DigestLinks For(long teamId, string week, DateTimeOffset expires)
    {
        var (page, chart) = (DigestPaths.Page(teamId, week), DigestPaths.Chart(teamId, week));
        return new DigestLinks(options.BaseUrl + chart + signer.Query(chart, expires), options.BaseUrl + page + signer.Query(page, expires));
    }
}
