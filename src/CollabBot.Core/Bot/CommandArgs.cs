using System.Text.RegularExpressions;

namespace CollabBot.Core.Bot;

// The words of a command after its verb. Mentions (`<@U123>` or `<@U123|name>`) become user
// ids, `#word` becomes a tag, everything else stays text in order.
internal sealed partial class CommandArgs
{
    public static readonly CommandArgs Empty = new([]);

    public CommandArgs(IReadOnlyList<string> words) => Words = words;

    public IReadOnlyList<string> Words { get; }
    public int Count => Words.Count;
    public string this[int i] => i < Words.Count ? Words[i] : "";

    public static (string Verb, CommandArgs Args) Parse(string? text)
    {
        var words = Tokens().Matches(text ?? "").Select(m => m.Value).ToList();
        if (words.Count == 0) return ("help", Empty);
        return (words[0].ToLowerInvariant(), new CommandArgs(words.Skip(1).ToList()));
    }

    public static bool IsMention(string word) => Mention().IsMatch(word);

    public static string? MentionId(string word) => Mention().Match(word) is { Success: true } m ? m.Groups[1].Value : null;

    public IReadOnlyList<string> Mentions => Words.Select(MentionId).OfType<string>().Distinct().ToList();

    public CommandArgs Skip(int n) => new(Words.Skip(n).ToList());

    public string Rest(int from) => string.Join(' ', Words.Skip(from));

    // Mentions are one token even when they carry a display name with spaces.
    [GeneratedRegex(@"<@[^>]+>|\S+")]
    private static partial Regex Tokens();

    [GeneratedRegex(@"^<@([A-Za-z0-9._:\-]+)(?:\|[^>]*)?>$")]
    private static partial Regex Mention();
}
