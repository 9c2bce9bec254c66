namespace CollabBot.Core.Localization;

internal static partial class En
{
    private static readonly Dictionary<string, string> Comments = new()
    {
        ["usage.comments"] = "comments [yyyy-Www]",
        ["usage.reply"] = "reply [yyyy-Www] <n> <text>",
        ["comments.title"] = "Anonymous comments — week {0}",
        ["comments.empty"] = "Nobody left a comment in week {0}.",
        ["comments.hint"] = "Shuffled and without times, so no comment points to anyone. Answer one privately and anonymously: reply <n> <text>.",
        ["comments.open"] = "The comments of week {0} stay sealed until the pulse closes ({1}).",
        ["comments.sealed"] = "The comments of week {0} stay sealed: fewer than {1} people answered.",
        ["comments.reply.unknown"] = "There is no comment {0} in week {1}; `comments {1}` lists them.",
        ["comments.reply.gone"] = "The author of that comment can no longer be reached.",
        ["comments.reply.sent"] = "Sent privately to the comment's author. You will not learn who they are; an answer comes back to you here.",
        ["comments.sent.anon"] = "Sent anonymously.",
        ["comments.toauthor.title"] = "A manager answered your anonymous comment",
        ["comments.toauthor.body"] = "About the comment you left in the week {0} pulse:",
        ["comments.toauthor.note"] = "Only you got this. The manager does not know who you are; your answer goes back without your name.",
        ["comments.fromauthor.title"] = "An anonymous answer",
        ["comments.fromauthor.body"] = "From the author of a week {0} comment: \"{1}\"",
        ["comments.answer.button"] = "Answer anonymously",
        ["comments.form.title"] = "Anonymous reply",
        ["comments.form.text"] = "Your message",
        ["comments.form.send"] = "Send",
    };
}
