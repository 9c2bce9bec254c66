using CollabBot.Core;
using CollabBot.Core.Bot;
using CollabBot.Core.Cards;
using CollabBot.Core.Delivery;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Tests.Support;

// The test adapter: speaks to the core exactly as the Slack and Teams adapters will — one
// Interaction per request, each in its own scope — on a real database.
internal sealed class TestChat : IAsyncDisposable
{
    public const string Channel = "C-SALES";
    public const string Workspace = "T-ACME";
    private readonly BotRouter _router;

    private TestChat(TestDatabase db)
    {
        Db = db;
        _router = db.Services.GetRequiredService<BotRouter>();
    }

    public TestDatabase Db { get; }
    public Platform Platform { get; init; } = Platform.Slack;

    // Maya installs the app in #sales; the roster comes with the install.
    public static async Task<TestChat> InstallAsync(string provider = "sqlite", string workspace = Workspace, params (string Id, string Name)[] roster)
    {
        var chat = new TestChat(await TestDatabase.CreateAsync(provider));
        await chat.InstallIntoAsync(workspace, roster.Length > 0 ? roster : [("U-ANA", "Ana"), ("U-BEN", "Ben"), ("U-CHLOE", "Chloe"), ("U-DAN", "Dan")]);
        return chat;
    }

    // The same install on a database the test made itself (e.g. with extra services).
    public static async Task<TestChat> InstallAsync(TestDatabase db, params (string Id, string Name)[] roster)
    {
        var chat = new TestChat(db);
        await chat.InstallIntoAsync(Workspace, roster.Length > 0 ? roster : [("U-ANA", "Ana"), ("U-BEN", "Ben"), ("U-CHLOE", "Chloe"), ("U-DAN", "Dan")]);
        return chat;
    }

    public Task<Reply> InstallIntoAsync(string workspace, IEnumerable<(string Id, string Name)> roster, string installer = "U-MAYA") =>
        DispatchAsync(new Interaction(Platform, workspace, installer, Channel, InteractionKind.Install, "", UserName: "Maya",
            Users: roster.ToDictionary(r => r.Id, r => r.Name), WorkspaceName: "Acme", ConversationName: "sales",
            Reference: new ConversationRef(Platform, workspace, Channel)));

    public Task<Reply> SayAsync(string user, string text, string conversation = Channel, string? locale = null, string workspace = Workspace) =>
        DispatchAsync(new Interaction(Platform, workspace, user, conversation, InteractionKind.Command, "", text, Locale: locale,
            ConversationType: conversation == Channel ? ConversationType.Channel : ConversationType.Personal));

    public Task<Reply> ClickAsync(string user, string action, IReadOnlyDictionary<string, string>? payload = null, string workspace = Workspace) =>
        DispatchAsync(new Interaction(Platform, workspace, user, "D-" + user, InteractionKind.Action, action, Values: payload,
            ConversationType: ConversationType.Personal));

    public Task<Reply> SubmitAsync(string user, string callback, IReadOnlyDictionary<string, string> values, string workspace = Workspace) =>
        DispatchAsync(new Interaction(Platform, workspace, user, "D-" + user, InteractionKind.Submit, callback, Values: values,
            ConversationType: ConversationType.Personal));

    // A form submitted as a platform would: its fields plus the state it carried.
    public Task<Reply> SubmitFormAsync(string user, Form form, IReadOnlyDictionary<string, string> fields) =>
        SubmitAsync(user, form.CallbackId, (form.State ?? new Dictionary<string, string>()).Concat(fields).ToDictionary());

    public async Task<Reply> DispatchAsync(Interaction interaction)
    {
        await using var scope = Db.Scope();
        var reply = await _router.DispatchAsync(interaction, scope.ServiceProvider, TestContext.Current.CancellationToken);
        // The pulse counter is refreshed once a second; a transcript reads it right away.
        await Db.Services.GetRequiredService<CollabBot.Core.Features.Pulse.PulseAnswerWriter>().FlushCountersAsync();
        return reply;
    }

    public async Task<T> QueryAsync<T>(Func<CollabDbContext, Task<T>> query)
    {
        await using var scope = Db.Scope();
        return await query(scope.ServiceProvider.GetRequiredService<CollabDbContext>());
    }

    public Task<List<OutboxMessage>> OutboxAsync() => QueryAsync(db => db.Unscoped<OutboxMessage>().OrderBy(m => m.Id).ToListAsync());

    public static Card CardOf(OutboxMessage m) => CollabJson.Deserialize<Card>(m.PayloadJson);

    // A row's card as the outbox would send it now: a refresh is drawn from the data as it stands.
    public async Task<Card> DrawAsync(OutboxMessage m)
    {
        await using var scope = Db.Scope();
        return await LiveCards.CardAsync(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<CollabDbContext>(), m,
            Db.Time.GetUtcNow(), CancellationToken.None) ?? throw new InvalidOperationException($"row {m.IdempotencyKey} draws nothing");
    }

    public Task<Member> MemberAsync(string user) => QueryAsync(db => db.Unscoped<Member>().FirstAsync(m => m.PlatformUserId == user));

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}

internal static class ReplyText
{
    // What a person would read: the text, or every text in a card.
    public static string Of(Reply reply) => reply switch
    {
        TextReply t => t.Text,
        CardReply c => Of(c.Card),
        UpdateCardReply u => Of(u.Card),
        FormReply f => f.Form.Title + "\n" + string.Join("\n", f.Form.Fields.Select(Of)),
        FormErrorsReply e => string.Join("\n", e.Errors.Select(kv => $"{kv.Key}: {kv.Value}")),
        FileReply file => file.Text + "\n" + file.Content,
        _ => "",
    };

    public static string Of(Card card) => card.Fallback + "\n" + string.Join("\n", card.Body.Select(Of));

    public static string Of(CardElement e) => e switch
    {
        Header h => h.Text,
        TextBlock t => t.Text,
        FactSet f => string.Join("\n", f.Facts.Select(x => $"{x.Label}: {x.Value}")),
        ProgressBar p => p.Label,
        LikertInput l => l.Label,
        NumberInput n => n.Label,
        TextInput t => t.Label,
        ChoiceInput c => c.Label + ": " + string.Join(", ", c.Options.Select(o => o.Title)),
        ActionRow a => string.Join(" | ", a.Actions.Select(x => x.Title)),
        _ => "",
    };
}
