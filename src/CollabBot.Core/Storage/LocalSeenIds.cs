using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CollabBot.Core.Storage;

// The seen ids of a single host (SQLite store), kept in memory and bounded by the traffic of
// the retention window. A key is held as 128 bits of its SHA-256 (~40 bytes an entry instead
// of the key string, a row object and an expiry record: a busy host takes hundreds of
// requests a second, each kept for the hour), and an answer as its UTF-8 bytes for a few minutes.
// Entries are grouped by the slot their expiry falls in, so forgetting is dropping whole
// groups: no sweep walks the entries, and memory stops growing once the window is full.
internal sealed class LocalSeenIds(TimeSpan keepAnswers)
{
    private static readonly TimeSpan IdSlot = TimeSpan.FromMinutes(5), AnswerSlot = TimeSpan.FromSeconds(30);
    private readonly ExpiringGroups<bool> _ids = new(IdSlot);
    private readonly ExpiringGroups<byte[]> _answers = new(AnswerSlot);

    public SeenClaim Claim(string key, DateTimeOffset now, TimeSpan keepFor)
    {
        var id = Id(key);
        lock (_ids)
        {
            _ids.Drop(now.UtcTicks);
            _answers.Drop(now.UtcTicks);
            if (_ids.Contains(id, now.UtcTicks))
                return new SeenClaim(false, _answers.TryGet(id, now.UtcTicks, out var body) ? Encoding.UTF8.GetString(body) : null);
            _answers.Remove(id);
            _ids.Set(id, (now + keepFor).UtcTicks, true);
            return new SeenClaim(true, null);
        }
    }

    public void Answer(string key, string responseJson, DateTimeOffset now)
    {
        var id = Id(key);
        var body = Encoding.UTF8.GetBytes(responseJson);
        lock (_ids)
            if (_ids.Contains(id, now.UtcTicks)) _answers.Set(id, (now + keepAnswers).UtcTicks, body);
    }

    public void Forget(string key)
    {
        var id = Id(key);
        lock (_ids)
        {
            _ids.Remove(id);
            _answers.Remove(id);
        }
    }

    public (int Ids, int Answers) Count
    {
        get { lock (_ids) return (_ids.Count, _answers.Count); }
    }

    private static UInt128 Id(string key)
    {
        Span<byte> utf8 = key.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(key.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(key, utf8)], hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    // Entries keyed by id, grouped by expiry slot; a group is dropped once its slot has passed.
    private sealed class ExpiringGroups<T>(TimeSpan slot)
    {
        private readonly SortedList<long, Dictionary<UInt128, (long Until, T Value)>> _groups = [];

        public int Count => _groups.Values.Sum(g => g.Count);

        public bool Contains(UInt128 id, long now) => TryGet(id, now, out _);

        public void Drop(long now)
        {
            while (_groups.Count > 0 && (_groups.Keys[0] + 1) * slot.Ticks <= now) _groups.RemoveAt(0);
        }

        public bool TryGet(UInt128 id, long now, out T value)
        {
            foreach (var group in _groups.Values)
                if (group.TryGetValue(id, out var entry) && entry.Until > now)
                {
                    value = entry.Value;
                    return true;
                }
            value = default!;
            return false;
        }

        public void Set(UInt128 id, long until, T value)
        {
            var index = until / slot.Ticks;
            if (!_groups.TryGetValue(index, out var group)) _groups.Add(index, group = []);
            group[id] = (until, value);
        }

        public void Remove(UInt128 id)
        {
            foreach (var group in _groups.Values) group.Remove(id);
        }
    }
}
