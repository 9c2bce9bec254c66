namespace CollabBot.Core.Storage;

internal enum Platform { Slack, Teams, Demo }

// Every row that belongs to a tenant says so; CollabDbContext filters on it.
internal interface IWorkspaceOwned
{
    long WorkspaceId { get; }
}
