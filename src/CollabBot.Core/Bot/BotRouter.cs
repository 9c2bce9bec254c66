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
internal sealed class BotRouter : IDisposable
{
    private readonly Dictionary<(InteractionKind, string), (BotHandler Handler, Access Access, bool View, bool Cached)> _handlers = [];

    // SQLite's ADO.NET calls complete synchronously: with hundreds of requests in flight each
    // would hold a thread-pool thread while it waits on the database, and the pool starves.
    // Sixteen dispatches per core keep the pool free (and still let pulse answers batch);
    // the rest wait without a thread.
    private readonly SemaphoreSlim _gate = new(Environment.ProcessorCount * 16);

    // A singleton: the container disposes it at shutdown, after the last request.
    public void Dispose() => _gate.Dispose();

    public bool Handles(InteractionKind kind, string id) => _handlers.ContainsKey((kind, id));

    public BotRouter Map(InteractionKind kind, string id, BotHandler handler, Access access = Access.Member, bool view = false, bool cached = false)
    {
        if (cached && access != Access.Member) throw new InvalidOperationException("Only member routes may resolve their caller from the cache.");
        if (!_handlers.TryAdd((kind, id), (handler, access, view, cached)))
            throw new InvalidOperationException($"A handler for {kind} '{id}' is already registered.");
        return this;
    }

    public BotRouter MapCommand(string verb, BotHandler handler, Access access = Access.Member) => Map(InteractionKind.Command, verb, handler, access);
    // A command that only reads and whose handler uses no more than the caller's workspace, team
    // and member (and the texts): its caller may come from ResolvedCache, with no database turn.
    public BotRouter MapReadOnlyCommand(string verb, BotHandler handler) => Map(InteractionKind.Command, verb, handler, Access.Member, cached: true);
    public BotRouter MapAction(string id, BotHandler handler, Access access = Access.Member) => Map(InteractionKind.Action, id, handler, access);
    // An action that only shows: it reads, and writes nothing beyond what resolving the member
    // writes once (joining them on first sight). Its replies are Repeatable.
    public BotRouter MapView(string id, BotHandler handler) => Map(InteractionKind.Action, id, handler, Access.Member, view: true);
    public BotRouter MapSubmit(string id, BotHandler handler, Access access = Access.Member) => Map(InteractionKind.Submit, id, handler, access);

    public async Task<Reply> DispatchAsync(Interaction interaction, IServiceProvider services, CancellationToken ct = default)
    {
        // Read before anything is read from the database: an entry kept from this turn's reads
        // is stale the moment a save committed after them (ResolvedCache).
        var generation = ResolvedCache.Generation;
        if (Cached(interaction, services, ct) is { } quick) return await quick;
        await _gate.WaitAsync(ct);
        // One connection for the whole turn: left to itself EF opens and closes it around each of
        // a turn's queries. On SQLite the lent connection is already open and this costs nothing.
        var db = services.GetRequiredService<Storage.CollabDbContext>().Database;
        try
        {
            await db.OpenConnectionAsync(ct);
            return await DispatchGatedAsync(interaction, services, generation, ct);
        }
        finally
        {
            await db.CloseConnectionAsync();
            _gate.Release();
        }
    }

    // A cached route whose caller this host resolved a moment ago: no gate, no connection.
    private Task<Reply>? Cached(Interaction interaction, IServiceProvider services, CancellationToken ct)
    {
        if (interaction.Kind != InteractionKind.Command || interaction.ConversationType == ConversationType.Personal) return null;
        var (verb, args) = CommandArgs.Parse(interaction.Text);
        if (!_handlers.TryGetValue((InteractionKind.Command, verb), out var route) || !route.Cached) return null;
        if (services.GetService<ResolvedCache>()?.Find(interaction) is not { } hit) return null;
        var ctx = BotContextFactory.FromCache(interaction, services, hit, args, ct);
        return RunAsync(route, ctx, verb, services.GetService<ILogger<BotRouter>>() ?? (ILogger)NullLogger.Instance);
    }

    private async Task<Reply> DispatchGatedAsync(Interaction interaction, IServiceProvider services, long generation, CancellationToken ct)
    {
        var log = services.GetService<ILogger<BotRouter>>() ?? (ILogger)NullLogger.Instance;
        var verb = interaction.Kind == InteractionKind.Command ? CommandArgs.Parse(interaction.Text).Verb : interaction.Id;
        var cacheable = _handlers.TryGetValue((interaction.Kind, verb), out var wanted) && wanted.Cached;
        BotContextFactory.Resolved resolved;
        try
        {
            resolved = await BotContextFactory.CreateAsync(interaction, services, cacheable ? generation : null, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Resolving the caller writes too (a first-time speaker joins, a name or language is
            // kept current): a failure there is answered like a handler's, never with a 500.
            log.ContextFailed(e, interaction.Kind, interaction.Kind == InteractionKind.Command ? "command" : interaction.Id);
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
        return await RunAsync(route, ctx, key.Item2, log);
    }

    private static async Task<Reply> RunAsync((BotHandler Handler, Access Access, bool View, bool Cached) route, BotContext ctx, string id, ILogger log)
    {
        var interaction = ctx.Interaction;
        try
        {
            var reply = await route.Handler(ctx);
            if (route.View) reply = reply with { Repeatable = true };
            // A form remembers the team it was opened in, for its submission.
            return reply is FormReply f && ctx.Team is { } team
                ? f with
                {
                    Form = f.Form with
                    {
                        State = new Dictionary<string, string>(f.Form.State ?? new Dictionary<string, string>())
                        { [BotContextFactory.TeamKey] = team.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                    }
                }
                : reply;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was committed: handlers save once, at the end. No user text is logged.
            log.HandlerFailed(e, interaction.Kind, id);
            return ctx.Say("error.generic");
        }
    }
}
