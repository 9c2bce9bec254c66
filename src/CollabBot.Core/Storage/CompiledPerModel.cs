using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CollabBot.Core.Storage;

// An EF compiled query is bound to the model it first ran against, and each provider has a
// model of its own (SQLite keeps instants as ticks). A process may hold both — the test run
// does, with PostgreSQL on — so each model gets its own compiled copy; with one provider
// this costs one dictionary lookup.
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
