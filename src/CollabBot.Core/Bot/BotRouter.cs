using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollabBot.Core.Bot;

internal delegate Task<Reply> BotHandler(BotContext ctx);

// Who may use a handler. Install-type events come before anyone is known.
internal enum Access { Anyone, Member, Manager, Admin }

// Handlers keyed by (kind, id): the command verb, or the `feature.verb` action/callback id.
// Built once at startup; a second registration of the same key fails there and then.
internal sealed class BotRouter
{
    private readonly Dictionary<(InteractionKind, string), (BotHandler Handler, Access Access, bool View)> _handlers = [];

    // SQLite's ADO.NET calls complete synchronously: with hundreds of requests in flight each
    // would hold a thread-pool thread while it waits on the database, and the pool starves.
    // Sixteen dispatches per core keep the pool free (and still let pulse answers batch);
    // the rest wait without a thread.
    private readonly SemaphoreSlim _gate = new(Environment.ProcessorCount * 16);

    public IEnumerable<(InteractionKind Kind, string Id)> Routes => _handlers.Keys;

    public bool Handles(InteractionKind kind, string id) => _handlers.ContainsKey((kind, id));

    public BotRouter Map(InteractionKind kind, string id, BotHandler handler, Access access = Access.Member, bool view = false)
    {
        if (!_handlers.TryAdd((kind, id), (handler, access, view)))
            throw new InvalidOperationException($"A handler for {kind} '{id}' is already registered.");
        return this;
    }

    public BotRouter MapCommand(string verb, BotHandler handler, Access access = Access.Member) => Map(InteractionKind.Command, verb, handler, access);
    public BotRouter MapAction(string id, BotHandler handler, Access access = Access.Member) => Map(InteractionKind.Action, id, handler, access);
    // An action that only shows: it reads, and writes nothing beyond what resolving the member
    // writes once (joining them on first sight). Its replies are Repeatable.
    public BotRouter MapView(string id, BotHandler handler) => Map(InteractionKind.Action, id, handler, Access.Member, view: true);
    public BotRouter MapSubmit(string id, BotHandler handler, Access access = Access.Member) => Map(InteractionKind.Submit, id, handler, access);

    public async Task<Reply> DispatchAsync(Interaction interaction, IServiceProvider services, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        // One connection for the whole turn: left to itself EF opens and closes it around each of
        // a turn's ~7 queries (a trace of Teams' home.open put open/close at ~10 % of the host's
        // CPU). On SQLite the lent connection is already open and this costs nothing.
        var db = services.GetRequiredService<Storage.CollabDbContext>().Database;
        try
        {
            await db.OpenConnectionAsync(ct);
            return await DispatchGatedAsync(interaction, services, ct);
        }
        finally
        {
            await db.CloseConnectionAsync();
            _gate.Release();
        }
    }

    private async Task<Reply> DispatchGatedAsync(Interaction interaction, IServiceProvider services, CancellationToken ct)
    {
        var log = services.GetService<ILogger<BotRouter>>() ?? (ILogger)NullLogger.Instance;
        BotContextFactory.Resolved resolved;
        try
        {
            resolved = await BotContextFactory.CreateAsync(interaction, services, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Resolving the caller writes too (a first-time speaker joins, a name or language is
            // kept current): a failure there is answered like a handler's, never with a 500.
            log.LogError(e, "Resolving the context of {Kind} {Id} failed", interaction.Kind, interaction.Kind == InteractionKind.Command ? "command" : interaction.Id);
            return Reply.Private(Localization.Texts.For(interaction.Locale)["error.generic"]);
        }
        if (resolved.Refusal is { } refusal) return refusal;
        var ctx = resolved.Context!;

        var key = interaction.Kind == InteractionKind.Command ? (interaction.Kind, resolved.Verb) : (interaction.Kind, interaction.Id);
        if (!_handlers.TryGetValue(key, out var route))
            return ctx.Say(interaction.Kind == InteractionKind.Command ? "unknown.command" : "unknown.action", resolved.Verb);

        var allowed = route.Access switch
        {
            Access.Manager => ctx.IsManager,
            Access.Admin => ctx.IsAdmin,
            Access.Member => ctx.Member is not null,
            _ => true,
        };
        if (!allowed) return ctx.Say(route.Access == Access.Admin ? "denied.admin" : "denied.manager");

        try
        {
            var reply = await route.Handler(ctx);
            if (route.View) reply = reply with { Repeatable = true };
            // A form remembers the team it was opened in, for its submission.
            return reply is FormReply f && ctx.Team is { } team
                ? f with { Form = f.Form with { State = new Dictionary<string, string>(f.Form.State ?? new Dictionary<string, string>())
                    { [BotContextFactory.TeamKey] = team.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } } }
                : reply;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was committed: handlers save once, at the end. No user text is logged.
            log.LogError(e, "Handler {Kind} {Id} failed", interaction.Kind, key.Item2);
            return ctx.Say("error.generic");
        }
    }
}
