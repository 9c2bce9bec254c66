using System.Text;
using System.Text.Json.Nodes;

namespace CollabBot.Tests.Host.Fuzz;

internal enum FuzzAuth { None, SlackSigned, SlackBadSignature, TeamsToken, TeamsBadToken }

// One request to send: the runner signs it (Slack) or adds the token (Teams) over the final bytes.
internal sealed record FuzzCase(string Kind, HttpMethod Method, string Path, byte[]? Body, string? ContentType, FuzzAuth Auth,
    IReadOnlyList<(string Name, string Value)> Headers, bool OverLimit = false);

// A seeded generator of bad input for every endpoint of the host: the same seed gives the same
// cases, so a failure is replayed with its seed and case number.
// nulInPath: a "%00" in a path is refused by Kestrel with 400, but the in-process test server
// throws while building the request, so the in-process run leaves it out.
internal sealed class FuzzCases(FuzzTargets targets, int slackLimit, int teamsLimit, bool nulInPath = true)
{
    private static readonly string[] Junk = ["42", "-1", "1e308", "true", "null", "\"\"", "\"x\"", "[]", "{}", "[1,\"a\",null]", "{\"id\":{}}", "\"\\u0000\"", "\"\\ud800\"",
        // Inside an object this repeats properties its parent already has.
        "1,\"type\":\"x\",\"id\":\"y\",\"user\":\"z\""];

    public FuzzCase Next(Random rng) => rng.Next(100) switch
    {
        < 22 => Slack(rng, "/slack/commands", FuzzTemplates.SlackCommand(rng, targets), form: true),
        < 47 => Slack(rng, "/slack/interactions", null, form: true),
        < 65 => Slack(rng, "/slack/events", Mutate(rng, FuzzTemplates.SlackEvent(rng, targets)), form: false),
        < 90 => Teams(rng),
        _ => Other(rng),
    };

    private FuzzCase Slack(Random rng, string path, string? text, bool form)
    {
        // Interactions: the JSON payload is mutated inside a well-formed form most of the time.
        text ??= "payload=" + Uri.EscapeDataString(Mutate(rng, FuzzTemplates.SlackInteraction(rng, targets)));
        var contentType = form ? "application/x-www-form-urlencoded" : "application/json";
        var auth = rng.Next(20) switch { 0 => FuzzAuth.None, 1 => FuzzAuth.SlackBadSignature, _ => FuzzAuth.SlackSigned };
        return Shape(rng, path, Encoding.UTF8.GetBytes(text), contentType, auth, slackLimit, FuzzAuth.SlackSigned);
    }

    private FuzzCase Teams(Random rng)
    {
        var body = Encoding.UTF8.GetBytes(Mutate(rng, FuzzTemplates.TeamsActivity(rng, targets)));
        var auth = rng.Next(12) == 0 ? FuzzAuth.TeamsBadToken : FuzzAuth.TeamsToken;
        return Shape(rng, "/api/messages", body, "application/json", auth, teamsLimit, FuzzAuth.TeamsToken);
    }

    // The body and headers: usually as the platform sends them, else bent one way or another.
    private static FuzzCase Shape(Random rng, string path, byte[] body, string contentType, FuzzAuth auth, int limit, FuzzAuth goodAuth)
    {
        var headers = new List<(string, string)>();
        var kind = "as sent";
        switch (rng.Next(16))
        {
            case 0:
                kind = "truncated";
                body = body[..rng.Next(body.Length + 1)];
                break;
            case 1:
                kind = "random bytes";
                body = new byte[rng.Next(2048)];
                rng.NextBytes(body);
                break;
            case 2:
                kind = "invalid UTF-8";
                body = [.. body[..(body.Length / 2)], .. Pick<byte[]>(rng, [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]]), .. body[(body.Length / 2)..]];
                break;
            case 3:
                kind = "flipped bytes";
                body = (byte[])body.Clone();
                for (var i = 0; i < 1 + rng.Next(8) && body.Length > 0; i++) body[rng.Next(body.Length)] = (byte)rng.Next(256);
                break;
            case 4:
                kind = "wrong content type";
                contentType = Pick(rng, ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json", "application/x-www-form-urlencoded", "", "application/json; charset=latin1", "*/*"]);
                break;
            case 5:
                kind = "no content type";
                contentType = "";
                break;
            case 6:
                kind = "gzip claimed";
                headers.Add(("Content-Encoding", Pick(rng, ["gzip", "deflate", "br", "identity, gzip"])));
                break;
            case 7:
                kind = "UTF-16 body";
                body = Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(body));
                contentType += "; charset=utf-16";
                break;
            case 8:
                kind = "over the size limit";
                var size = limit + 1 + rng.Next(limit);
                body = [.. body, .. Enumerable.Repeat((byte)' ', Math.Max(0, size - body.Length))];
                return new FuzzCase(kind, HttpMethod.Post, path, body, contentType, goodAuth, headers, OverLimit: true);
            case 9:
                kind = "empty body";
                body = [];
                break;
            case 10:
                kind = "odd headers";
                headers.Add(("X-Slack-Retry-Num", Pick(rng, ["1", "-1", "x", "99999999999"])));
                headers.Add(("Accept-Charset", "utf-7"));
                headers.Add(("Transfer-Encoding-Hint", new string('a', 4000)));
                break;
        }
        return new FuzzCase(kind, HttpMethod.Post, path, body, contentType, auth, headers);
    }

    // The other endpoints: health, install and OAuth callback, digest links, the job dashboard,
    // unknown paths and wrong methods.
    private FuzzCase Other(Random rng)
    {
        var week = Pick(rng, ["2026-W47", "2026-W99", "x", "9999999999-W01", nulInPath ? "%00" : "%20", "2026-w1"]);
        var team = Pick(rng, ["1", "0", "-1", "9223372036854775807"]);
        var digest = targets.DigestLinks.Length > 0 && rng.Next(2) == 0 ? Bend(rng, Pick(rng, targets.DigestLinks)) : $"/digest/{team}/{week}?exp={rng.Next()}&sig={Garbage(rng)}";
        var path = rng.Next(14) switch
        {
            0 => "/healthz",
            1 => "/readyz",
            2 => "/slack/install",
            3 => $"/slack/oauth/callback?state={Garbage(rng)}&code={Garbage(rng)}",
            4 => "/slack/oauth/callback?error=access_denied",
            5 => digest,
            6 => digest.Contains('?', StringComparison.Ordinal) ? digest.Replace("?", "/chart.png?", StringComparison.Ordinal) : digest + "/chart.png",
            7 => "/favicon.ico",
            8 => Pick(rng, ["/hangfire", "/hangfire/jobs/details/" + Garbage(rng), "/hangfire/recurring", "/hangfire/stats", "/hangfire/jobs/enqueued/delete"]),
            9 => "/slack/%ZZ",
            10 => "/api/messages/../../etc/passwd",
            11 => "/" + Garbage(rng),
            _ => Pick(rng, ["/slack/events", "/api/messages", "/slack/commands", "/metrics"]),
        };
        var method = Pick(rng, [HttpMethod.Get, HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Head, HttpMethod.Options, HttpMethod.Patch]);
        var headers = new List<(string, string)>();
        if (rng.Next(3) == 0) headers.Add(("Cookie", "collabbot_slack_state=" + Garbage(rng)));
        if (rng.Next(4) == 0) headers.Add(("Authorization", Pick(rng, ["Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("a:b")), "Basic !!!", "Bearer x.y.z"])));
        if (rng.Next(4) == 0) headers.Add(("X-Forwarded-For", "203.0.113.9"));
        byte[]? body = null;
        if (method != HttpMethod.Get && method != HttpMethod.Head && rng.Next(2) == 0)
        {
            body = new byte[rng.Next(4096)];
            rng.NextBytes(body);
        }
        return new FuzzCase("other endpoint", method, path, body, body is null ? null : Pick(rng, ["application/x-www-form-urlencoded", "application/json", "text/plain"]),
            FuzzAuth.None, headers);
    }

    // A signed digest link with one part changed.
    private static string Bend(Random rng, string link) => rng.Next(4) switch
    {
        0 => link.Replace("sig=", "sig=0", StringComparison.Ordinal),
        1 => link.Replace("exp=", "exp=-", StringComparison.Ordinal),
        2 => link + "&sig=again",
        _ => link,
    };

    private static string Garbage(Random rng)
    {
        var chars = new char[rng.Next(1, 40)];
        for (var i = 0; i < chars.Length; i++) chars[i] = "abcXYZ019-_.~%+/=é测"[rng.Next(19)];
        return Uri.EscapeDataString(new string(chars));
    }

    // JSON with wrong types in known fields, fields missing, or nested past any sane depth.
    public static string Mutate(Random rng, JsonObject json)
    {
        var roll = rng.Next(10);
        if (roll >= 5) return json.ToJsonString();
        var nodes = new List<(JsonNode Parent, object Key)>();
        Walk(json, nodes);
        // Replacements are written as text in place of a marker: some (a lone surrogate escape,
        // nesting past System.Text.Json's default depth of 64) cannot be held in a JsonNode.
        var texts = new List<string>();
        for (var i = 0; i < 1 + rng.Next(3) && nodes.Count > 0; i++)
        {
            var (parent, key) = nodes[rng.Next(nodes.Count)];
            var marker = JsonValue.Create(Marker + texts.Count);
            texts.Add(roll == 0 ? Deep(rng) : Pick(rng, Junk));
            if (roll == 1 && parent is JsonObject o && key is string name) o.Remove(name);
            else if (parent is JsonObject po && key is string k) po[k] = marker;
            else if (parent is JsonArray pa && key is int index && index < pa.Count) pa[index] = marker;
            nodes.Clear();
            Walk(json, nodes);
        }
        var text = json.ToJsonString();
        for (var i = 0; i < texts.Count; i++) text = text.Replace("\"" + Marker + i + "\"", texts[i], StringComparison.Ordinal);
        return text;
    }

    private static string Deep(Random rng)
    {
        var depth = 60 + rng.Next(2000);
        return rng.Next(2) == 0 ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
    }

    private const string Marker = "__fuzz_marker_";

    private static void Walk(JsonNode node, List<(JsonNode, object)> into)
    {
        if (node is JsonObject o)
            foreach (var (k, v) in o.ToList())
            {
                into.Add((o, k));
                if (v is not null) Walk(v, into);
            }
        else if (node is JsonArray a)
            for (var i = 0; i < a.Count; i++)
            {
                into.Add((a, i));
                if (a[i] is { } v) Walk(v, into);
            }
    }

    private static T Pick<T>(Random rng, T[] items) => items[rng.Next(items.Length)];
}
