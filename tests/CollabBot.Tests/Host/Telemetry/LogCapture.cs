using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CollabBot.Tests.Host.Telemetry;

// A logger provider that keeps everything, at every level: the rendered message, each
// structured value, the exception and the scopes it was written in.
internal sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    public sealed record Entry(string Category, LogLevel Level, string Message, IReadOnlyList<string> Values, string? Exception, IReadOnlyList<string> Scopes)
    {
        public IEnumerable<string> Texts() => [Message, .. Values, .. Scopes, .. Exception is null ? Array.Empty<string>() : [Exception]];
    }

    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private static IEnumerable<string> Flatten(object? state) => state switch
    {
        null => [],
        IEnumerable<KeyValuePair<string, object?>> pairs => pairs.Select(p => $"{p.Key}={p.Value}").Append(state.ToString() ?? ""),
        _ => [state.ToString() ?? ""],
    };

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) => list.AddRange(Flatten(scope)), scopes);
            owner.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), Flatten(state).ToList(), exception?.ToString(), scopes));
        }
    }
}
