using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CollabBot.Teams.AdaptiveCards;

// Neutral text is plain text with Slack-style mentions (`<@ID>` or `<@ID|name>`). Teams reads
// TextBlock and fact text as a subset of markdown and draws a mention only for `<at>Name</at>`
// backed by an entity at the card's root, so one render collects the mentions it wrote. Only
// people in `names` (looked up in the roster by the caller) get an entity, under the roster's
// name: anyone else is written as plain text, so a name or id someone typed never notifies.
internal sealed partial class AdaptiveText(IReadOnlyDictionary<string, string>? names)
{
    private readonly Dictionary<string, JsonObject> _mentions = new(StringComparer.Ordinal);

    public bool HasMentions => _mentions.Count > 0;

    public JsonArray Entities() => new([.. _mentions.Values.Select(e => e.DeepClone())]);

    // For text Teams runs through markdown: mentions become `<at>` tags, the rest is neutralised.
    public string Markdown(string text, int max)
    {
        var cut = Cut(text, max);
        var result = new StringBuilder(cut.Length + 16);
        var last = 0;
        foreach (Match m in Mention().Matches(cut))
        {
            result.Append(Escape(cut[last..m.Index])).Append(names?.ContainsKey(m.Groups[1].Value) == true ? At(m) : Escape(NameOf(m)));
            last = m.Index + m.Length;
        }
        return Lines(result.Append(Escape(cut[last..])).ToString());
    }

    // For labels, titles and fallback text, which Teams shows as they are: names, no tags.
    public string Plain(string text, int max) => Cut(Mention().Replace(text, m => NameOf(m)), max);

    public static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    // Backslash escapes are what CommonMark and the current Teams clients honour; older mobile
    // clients show them, so only what would change the text is escaped. A `{{` would start a
    // DATE()/TIME() function and a literal `<at>` a fake mention: a zero-width space breaks both
    // without showing. `&` is escaped only where it would start an entity.
    public static string Escape(string text) => Special().Replace(text, m => m.Value switch
    {
        "{{" => "{\u200B{",
        var s when s[0] == '<' => "<\u200B" + s[1..],
        var s => "\\" + s,
    });

    // Markdown joins single line breaks; the neutral model means them, so make them paragraphs.
    private static string Lines(string text) => SingleBreak().Replace(text, "\n\n");

    private string At(Match m)
    {
        var id = m.Groups[1].Value;
        var text = $"<at>{NameOf(m)}</at>";
        _mentions.TryAdd(id, new JsonObject
        {
            ["type"] = "mention",
            ["text"] = text,
            ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = NameOf(m) },
        });
        return _mentions[id]["text"]!.GetValue<string>();
    }

    // The caller's name for the id, else the name the mention carried, else the id itself; angle
    // brackets would end the tag early.
    private string NameOf(Match m)
    {
        var id = m.Groups[1].Value;
        var name = names?.GetValueOrDefault(id) ?? (m.Groups[2].Success ? m.Groups[2].Value : null);
        name = name?.Replace("<", "", StringComparison.Ordinal).Replace(">", "", StringComparison.Ordinal).Trim();
        return string.IsNullOrEmpty(name) ? id : name;
    }

    [GeneratedRegex(@"<@([A-Za-z0-9._:\-]+)(?:\|([^<>]*))?>")]
    internal static partial Regex Mention();

    // Emphasis markers always; a backslash only where it would escape, a bracket only where it
    // would open a link. Backticks stay: Teams has no code spans, so they show as typed.
    [GeneratedRegex(@"[*_]|\\(?=[!-/:-@\[-`{-~])|\[(?=[^\]\n]*\]\()|\{\{|</?at\b|&(?=#?[A-Za-z0-9]+;)", RegexOptions.IgnoreCase)]
    private static partial Regex Special();

    [GeneratedRegex(@"(?<!\n)\r?\n(?!\r?\n)")]
    private static partial Regex SingleBreak();
}
