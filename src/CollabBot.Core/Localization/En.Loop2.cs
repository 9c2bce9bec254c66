namespace CollabBot.Core.Localization;

internal static partial class En
{
    private static readonly Dictionary<string, string> Loop2 = new()
    {
        ["comments.digest.more"] = "… and {0} more — `comments {1}` lists them all.",
        ["comments.toauthor.how"] = "Answer with the button, or type `reply <your answer>` in this chat.",
        ["comments.reply.none"] = "Only the team's managers answer comments by number (`reply <n> <text>`). When a manager answers your anonymous comment, answer back with the button on that message or with `reply <your answer>`.",
        ["usage.reply.author"] = "reply <your answer>",
        ["help.reply.author"] = "reply <your answer> — answer a manager's message about your anonymous comment, still anonymously",
    };
}
