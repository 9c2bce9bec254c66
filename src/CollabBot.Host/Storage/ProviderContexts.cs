using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CollabBot.Host.Storage;

// One context type per provider so each keeps its own migration set (Storage/Sqlite,
// Storage/Postgres); features only ever see CollabDbContext.
internal sealed class SqliteCollabDbContext(DbContextOptions<SqliteCollabDbContext> options) : CollabDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        base.ConfigureConventions(b);
        b.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    // SQLite has no instant type, and EF cannot compare DateTimeOffset stored as text.
    // UTC ticks are exact and sort and compare in SQL. Plain SQL writes them the same way.
    public static long Instant(DateTimeOffset at) => at.UtcTicks;

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => Instant(v), v => new DateTimeOffset(v, TimeSpan.Zero));
}

internal sealed class PostgresCollabDbContext(DbContextOptions<PostgresCollabDbContext> options) : CollabDbContext(options);

// SQLite has one writer at a time: a round read inside the writer's transaction cannot be
// closed before it commits.
internal sealed class SqliteAnswerDialect : IAnswerDialect
{
    public string RoundOpenSql => """SELECT 1 FROM "PulseRounds" WHERE "Id" = @r AND "ClosedAt" IS NULL AND "ClosesAt" > @now""";
    public object Instant(DateTimeOffset at) => SqliteCollabDbContext.Instant(at);
}

// Several writers: the round row is held (FOR SHARE) until the answers' transaction ends, and
// the close's update waits for it. Npgsql writes timestamptz only from UTC offsets.
internal sealed class PostgresAnswerDialect : IAnswerDialect
{
    public string RoundOpenSql => """SELECT 1 FROM "PulseRounds" WHERE "Id" = @r AND "ClosedAt" IS NULL AND "ClosesAt" > @now FOR SHARE""";
    public object Instant(DateTimeOffset at) => at.ToUniversalTime();
}

// Used by `dotnet ef migrations add` only; never at run time.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteCollabDbContext>
{
    public SqliteCollabDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCollabDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresCollabDbContext>
{
    public PostgresCollabDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCollabDbContext>().UseNpgsql("Host=127.0.0.1;Database=collabbot_design").Options);
}
