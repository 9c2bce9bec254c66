using System.Threading.Channels;
using CollabBot.Core.Bot;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CollabBot.Teams.Web;

// Replies leave after the HTTP 200. What a message asked for is committed before the 200;
// showing the answer goes through the Connector, whose budget (7 a second per conversation,
// 30 a second per app; https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit)
// must never hold an inbound request open: the activity is answered at once, and replies go
// through the Connector's REST API.
//
// Replies to one conversation keep their order: a conversation always maps to the same lane.
// Lanes let a conversation that is at its limit hold up only the few that share its lane.
// The backlog is bounded; when it is full the endpoint refuses new work (503) before doing
// any, so nothing is changed that could not be shown.
internal sealed class TeamsReplySender(TeamsReplies replies, IOptions<TeamsOptions> options, ILogger<TeamsReplySender> log) : IHostedService, IDisposable
{
    public const int Lanes = 16;

    private readonly Channel<Item>[] _lanes = [.. Enumerable.Range(0, Lanes).Select(_ => Channel.CreateUnbounded<Item>(new() { SingleReader = true }))];
    private readonly CancellationTokenSource _abort = new();
    private readonly InFlight _backlog = new();
    private Task _running = Task.CompletedTask;

    private sealed record Item(Reply Reply, ReplyTarget Target);

    public bool HasRoom => _backlog.Count < options.Value.ReplyBacklog;

    public int Backlog => _backlog.Count;

    public void Queue(Reply reply, TeamsTurn turn)
    {
        if (reply is NoReply) return;
        _backlog.Enter();
        var lane = (int)((uint)StringComparer.Ordinal.GetHashCode(turn.ConversationId) % Lanes);
        if (!_lanes[lane].Writer.TryWrite(new Item(reply, turn.Target)))
        {
            log.ReplyDropped();
            _backlog.Leave();
        }
    }

    // Completes when nothing is queued or being sent (tests; shutdown).
    public Task WhenIdleAsync() => _backlog.WhenIdleAsync();

    public Task StartAsync(CancellationToken ct)
    {
        var abort = _abort.Token;
        _running = Task.WhenAll(_lanes.Select(l => Task.Run(() => RunAsync(l.Reader, abort))));
        return Task.CompletedTask;
    }

    // Replies already accepted get the shutdown grace period to leave; then they are given up.
    public async Task StopAsync(CancellationToken ct)
    {
        foreach (var lane in _lanes) lane.Writer.TryComplete();
        try
        {
            await _running.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            log.RepliesUnsentAtShutdown(Backlog);
            await _abort.CancelAsync();
        }
    }

    // After StopAsync (the container disposes its singletons last); lanes still sending hold their token.
    public void Dispose() => _abort.Dispose();

    private async Task RunAsync(ChannelReader<Item> reader, CancellationToken abort)
    {
        // Read to the end even when aborted: each queued item leaves the backlog, sent or given up.
        await foreach (var item in reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await replies.SendAsync(item.Reply, item.Target, abort);
            }
            catch (Exception e) when (e is not OperationCanceledException || !abort.IsCancellationRequested)
            {
                // ConnectorClient already retried 429/412/5xx; the work itself is committed.
                log.ReplyNotSent(e, item.Target.ConversationId);
            }
            catch (OperationCanceledException) { }
            finally
            {
                _backlog.Leave();
            }
        }
    }
}
