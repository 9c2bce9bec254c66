namespace CollabBot.Host.Cli;

internal sealed class UsageException(string message) : Exception(message);

// `verb --name value --flag …`: enough for the host's few verbs, with errors that say what is wrong.
internal sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public string Verb { get; }

    public CliArgs(string[] args)
    {
        Verb = args[0];
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2)
                throw new UsageException($"unexpected argument '{a}'");
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            if (!_options.TryAdd(a[2..], value)) throw new UsageException($"{a} was given twice");
        }
    }

    public string Required(string name) =>
        _options.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw new UsageException($"--{name} is required");

    public string? Optional(string name) =>
        _options.TryGetValue(name, out var v) ? v ?? throw new UsageException($"--{name} needs a value") : null;

    public void AllowOnly(params string[] names)
    {
        var unknown = _options.Keys.FirstOrDefault(k => !names.Contains(k));
        if (unknown is not null) throw new UsageException($"unknown option --{unknown}");
    }
}
