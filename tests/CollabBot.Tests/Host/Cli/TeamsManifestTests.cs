using System.IO.Compression;
using System.Text.Json;
using CollabBot.Host.Cli;

namespace CollabBot.Tests.Host.Cli;

public sealed class TeamsManifestTests
{
    private const string AppId = "6f1c2a4e-93b0-4d7a-8c55-2e0f9b7d1a36";

    private static string TempZip() => Path.Combine(Path.GetTempPath(), $"collabbot-teams-{Guid.NewGuid():N}.zip");

    [Fact]
    public void The_package_holds_the_manifest_and_icons_at_its_root_with_this_bots_id_and_host()
    {
        var zipPath = TempZip();
        Assert.Equal(0, ManifestVerb.Run(new CliArgs(["manifest", "--app-id", AppId.ToUpperInvariant(), "--base-url", "https://bot.acme.io:8443/collab/", "--out", zipPath]), "teams", TextWriter.Null));

        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png", "zh-Hans.json"], zip.Entries.Select(e => e.FullName).Order());
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var root = manifest.RootElement;
        Assert.Equal(AppId, root.GetProperty("id").GetString());
        Assert.Equal(AppId, root.GetProperty("bots")[0].GetProperty("botId").GetString());
        Assert.Equal(["bot.acme.io:8443"], root.GetProperty("validDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("https://bot.acme.io:8443/collab/privacy", root.GetProperty("developer").GetProperty("privacyUrl").GetString());
        var text = root.GetRawText();
        Assert.DoesNotContain("example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ManifestVerb.PlaceholderAppId, text, StringComparison.Ordinal);

        Assert.Equal((192, 192), PngSize(zip, "color.png"));
        Assert.Equal((32, 32), PngSize(zip, "outline.png"));
    }

    [Fact]
    public void The_checked_in_manifest_uses_the_placeholders_the_verb_replaces()
    {
        using var manifest = JsonDocument.Parse(ManifestVerb.Read("manifests/teams/manifest.json"));
        var root = manifest.RootElement;
        Assert.Equal(ManifestVerb.PlaceholderAppId, root.GetProperty("id").GetString());
        Assert.Equal(ManifestVerb.PlaceholderAppId, root.GetProperty("bots")[0].GetProperty("botId").GetString());
        Assert.Equal([ManifestVerb.PlaceholderHost], root.GetProperty("validDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["personal", "team", "groupChat"], root.GetProperty("bots")[0].GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var commands = root.GetProperty("bots")[0].GetProperty("commandLists").EnumerateArray()
            .SelectMany(l => l.GetProperty("commands").EnumerateArray()).Select(c => c.GetProperty("title").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "help", "kudos", "handoff", "goal", "checkin", "digest", "pulse", "settings" }, commands);
    }

    [Theory]
    [InlineData("manifest", "teams", "--app-id", "not-a-guid", "--base-url", "https://bot.acme.io", "--out", "x.zip")]
    [InlineData("manifest", "teams", "--app-id", "00000000-0000-0000-0000-000000000000", "--base-url", "https://bot.acme.io", "--out", "x.zip")]
    [InlineData("manifest", "teams", "--app-id", AppId, "--base-url", "http://bot.acme.io", "--out", "x.zip")]
    [InlineData("manifest", "teams", "--app-id", AppId, "--base-url", "https://bot.acme.io/?x=1", "--out", "x.zip")]
    [InlineData("manifest", "teams", "--base-url", "https://bot.acme.io", "--out", "x.zip")]
    [InlineData("manifest", "teams", "--app-id", AppId, "--base-url", "https://bot.acme.io")]
    [InlineData("manifest", "teams", "--app-id", AppId, "--base-url", "https://bot.acme.io", "--out", "x.zip", "--colour", "blue")]
    [InlineData("manifest", "discord", "--base-url", "https://bot.acme.io", "--out", "x.json")]
    [InlineData("manifest", "--base-url", "https://bot.acme.io", "--out", "x.json")]
    public async Task Bad_arguments_are_a_usage_error_and_exit_2(params string[] args)
    {
        var before = Directory.GetCurrentDirectory();
        Assert.Equal(2, await CliVerbs.RunAsync(args));
        Assert.False(File.Exists(Path.Combine(before, "x.zip")));
    }

    private static (int Width, int Height) PngSize(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        var header = new byte[24];
        stream.ReadExactly(header);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], header[..4]);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }
}
