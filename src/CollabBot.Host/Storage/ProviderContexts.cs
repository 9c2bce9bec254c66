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
        // SQLite has no instant type, and EF cannot compare DateTimeOffset stored as text.
        // UTC ticks are exact and sort and compare in SQL.
        b.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}

internal sealed class PostgresCollabDbContext(DbContextOptions<PostgresCollabDbContext> options) : CollabDbContext(options);

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
