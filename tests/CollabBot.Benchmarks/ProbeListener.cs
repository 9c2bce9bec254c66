using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CollabBot.Benchmarks;

internal sealed class ProbeListener : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    public static bool On;
    public void OnNext(DiagnosticListener l) { if (l.Name == DbLoggerCategory.Name) l.Subscribe(this); }
    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (On && e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData d)
            Console.WriteLine($"  {d.Duration.TotalMilliseconds,7:F1} ms  {d.Command.CommandText.Replace('\n', ' ')[..Math.Min(120, d.Command.CommandText.Length)]}");
        if (On && e.Key == CoreEventId.QueryCompilationStarting.Name) Console.WriteLine("  (compile)");
    }
    public void OnCompleted() { }
    public void OnError(Exception error) { }
}
