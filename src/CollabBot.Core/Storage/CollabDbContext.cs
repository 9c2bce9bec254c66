using System.Linq.Expressions;
using System.Reflection;
using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Features.Pulse;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Storage;

// The one DbContext. Each provider (SQLite, PostgreSQL) derives from it in the host with its
// own migrations. Tenancy fails closed: every IWorkspaceOwned set is filtered by
// WorkspaceScope, and with no scope set those queries return nothing. Work that spans
// workspaces (the scoring job, the CLI) says so with Unscoped<T>().
internal abstract class CollabDbContext(DbContextOptions options) : DbContext(options)
{
    public long? WorkspaceScope { get; private set; }

    public CollabDbContext ForWorkspace(long workspaceId)
    {
        if (WorkspaceScope is { } current && current != workspaceId)
            throw new InvalidOperationException("This context is already scoped to another workspace.");
        WorkspaceScope = workspaceId;
        return this;
    }

    public IQueryable<T> Unscoped<T>() where T : class => Set<T>().IgnoreQueryFilters();

    // Contexts are pooled: a context leased for a new unit of work starts unscoped, so no
    // request inherits the workspace of the one before (EF resets its own state itself).
    public CollabDbContext Leased()
    {
        WorkspaceScope = null;
        return this;
    }

    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Installation> Installations => Set<Installation>();
    public DbSet<PulseRound> PulseRounds => Set<PulseRound>();
    public DbSet<PulseRoundQuestion> PulseRoundQuestions => Set<PulseRoundQuestion>();
    public DbSet<PulseParticipation> PulseParticipations => Set<PulseParticipation>();
    public DbSet<PulseAnswerMark> PulseAnswerMarks => Set<PulseAnswerMark>();
    public DbSet<PulseSealedAnswer> PulseSealedAnswers => Set<PulseSealedAnswer>();
    public DbSet<PulseResponse> PulseResponses => Set<PulseResponse>();
    public DbSet<PulseAnswer> PulseAnswers => Set<PulseAnswer>();
    public DbSet<PulseQuestion> PulseQuestions => Set<PulseQuestion>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<CheckIn> CheckIns => Set<CheckIn>();
    public DbSet<KudosPost> Kudos => Set<KudosPost>();
    public DbSet<KudosReceiver> KudosReceivers => Set<KudosReceiver>();
    public DbSet<Handoff> Handoffs => Set<Handoff>();
    public DbSet<HandoffFeedback> HandoffFeedback => Set<HandoffFeedback>();
    public DbSet<DigestSnapshot> DigestSnapshots => Set<DigestSnapshot>();
    public DbSet<Features.Focus.FocusAction> FocusActions => Set<Features.Focus.FocusAction>();
    public DbSet<Features.OneOnOne.OneOnOneNote> OneOnOneNotes => Set<Features.OneOnOne.OneOnOneNote>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        b.Properties<Platform>().HaveConversion<string>().HaveMaxLength(16);
        b.Properties<OutboxStatus>().HaveConversion<string>().HaveMaxLength(16);
        b.Properties<OutboxTarget>().HaveConversion<string>().HaveMaxLength(16);
        b.Properties<DayOfWeek>().HaveConversion<string>().HaveMaxLength(10);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CollabDbContext).Assembly);
        modelBuilder.Entity<Workspace>().HasQueryFilter(w => w.Id == WorkspaceScope);
        var filter = typeof(CollabDbContext).GetMethod(nameof(FilterByWorkspace), BindingFlags.NonPublic | BindingFlags.Instance)!;
        foreach (var type in modelBuilder.Model.GetEntityTypes().Where(t => typeof(IWorkspaceOwned).IsAssignableFrom(t.ClrType)))
            filter.MakeGenericMethod(type.ClrType).Invoke(this, [modelBuilder]);
    }

    private void FilterByWorkspace<T>(ModelBuilder modelBuilder) where T : class, IWorkspaceOwned
    {
        Expression<Func<T, bool>> inScope = e => e.WorkspaceId == WorkspaceScope;
        modelBuilder.Entity<T>().HasQueryFilter(inScope);
    }

    // A save that changes who is who (workspace, team, member, installation) tells the cache of
    // resolved callers once it is committed (Bot/ResolvedCache).
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var resolved = Guard();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        if (resolved) Bot.ResolvedCache.Changed();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var resolved = Guard();
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (resolved) Bot.ResolvedCache.Changed();
        return saved;
    }

    // A scoped context may not write another tenant's rows, and a snapshot is never rewritten.
    private bool Guard()
    {
        var resolved = false;
        foreach (var entry in ChangeTracker.Entries())
        {
            resolved |= Bot.ResolvedCache.Touches(entry);
            if (entry.Entity is DigestSnapshot && entry.State == EntityState.Modified)
                throw new InvalidOperationException("Digest snapshots are immutable.");
            if (WorkspaceScope is { } scope && entry.Entity is IWorkspaceOwned owned
                && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && owned.WorkspaceId != scope)
                throw new InvalidOperationException($"A change to workspace {owned.WorkspaceId} was attempted from workspace {scope}.");
        }
        return resolved;
    }
}
